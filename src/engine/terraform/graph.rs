//! The call graph of the loaded modules (local calls only): which modules are roots, and which
//! calls close a cycle.
//!
//! Terraform rejects a cycle of module calls (a → b → a, or a module calling itself). Each call
//! that closes one is reported (AKS001) and never followed. A module reached from no root — it
//! lies in or under a cycle, since every module nothing calls is a root — becomes a root itself
//! (the first such in path order, then whatever it does not reach), so no module goes
//! unevaluated.
//!
//! Every call path is one module instance, so a few small modules that call each other twice
//! describe exponentially many. Instances are capped per run (`[limits] module-instances`): each
//! root gets a budget, planned here from what its calls could make at most, so that the cap does
//! not depend on which root a thread reaches first.

use crate::diagnostic::Finding;
use crate::discover::{display, normalize};
use crate::rules::linter;
use crate::terraform::Outline;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The roots to evaluate from, how many instances each may make, and the calls that close a
/// cycle (by the file holding them).
pub(super) struct Graph {
    pub roots: Vec<PathBuf>,
    /// Per root (same order): its share of the cap.
    pub budgets: Vec<usize>,
    pub cycles: Vec<(String, Finding)>,
}

/// For each loaded module, the loaded modules it calls, in written order.
fn edges(modules: &BTreeMap<PathBuf, Outline>) -> BTreeMap<PathBuf, Vec<(usize, PathBuf)>> {
    modules
        .iter()
        .map(|(dir, m)| {
            let out = m
                .calls
                .iter()
                .enumerate()
                .filter_map(|(i, c)| Some((i, normalize(c.local_path.as_ref()?))))
                .filter(|(_, child)| modules.contains_key(child))
                .collect();
            (dir.clone(), out)
        })
        .collect()
}

/// Roots, budgets (sharing `cap` instances) and cycles of the loaded modules.
pub(super) fn analyse(modules: &BTreeMap<PathBuf, Outline>, cap: usize) -> Graph {
    let edges = edges(modules);
    let called: BTreeSet<&PathBuf> = edges
        .iter()
        .flat_map(|(dir, out)| out.iter().map(|(_, c)| c).filter(move |c| *c != dir))
        .collect();
    let mut roots: Vec<PathBuf> = modules
        .keys()
        .filter(|d| !called.contains(d))
        .cloned()
        .collect();
    let mut search = Search {
        modules,
        edges: &edges,
        done: BTreeSet::new(),
        back: BTreeSet::new(),
        cycles: Vec::new(),
    };
    for r in &roots {
        search.from(r);
    }
    // What no root reaches lies in or under a cycle: its first module becomes a root.
    while let Some(first) = modules.keys().find(|d| !search.done.contains(*d)) {
        roots.push(first.clone());
        search.from(first);
    }
    let most = most_instances(&edges, &search.back, cap);
    let wanted: Vec<usize> = roots.iter().map(|r| most[r]).collect();
    Graph {
        budgets: share(&wanted, cap),
        roots,
        cycles: search.cycles,
    }
}

/// For every module, the most instances evaluating it makes: itself and, through every call
/// that closes no cycle, what each callee makes; counted up to `cap + 1`. Without the calls
/// that close a cycle the graph has none, so a post-order walk settles every module.
fn most_instances(
    edges: &BTreeMap<PathBuf, Vec<(usize, PathBuf)>>,
    back: &BTreeSet<(PathBuf, usize)>,
    cap: usize,
) -> BTreeMap<PathBuf, usize> {
    let callees = |m: &PathBuf| -> Vec<&PathBuf> {
        edges[m]
            .iter()
            .filter(|(i, _)| !back.contains(&(m.clone(), *i)))
            .map(|(_, c)| c)
            .collect()
    };
    let mut most: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for start in edges.keys() {
        let mut stack = vec![(start, false)];
        while let Some((m, expanded)) = stack.pop() {
            if most.contains_key(m) {
                continue;
            }
            if !expanded {
                stack.push((m, true));
                let open = callees(m).into_iter().filter(|c| !most.contains_key(*c));
                stack.extend(open.map(|c| (c, false)));
                continue;
            }
            let n = callees(m).into_iter().fold(1usize, |n, c| {
                n.saturating_add(most.get(c).copied().unwrap_or(1))
            });
            most.insert(m.clone(), n.min(cap.saturating_add(1)));
        }
    }
    most
}

/// Shares `cap` among roots that want `wanted` instances each: the smallest wants are met in
/// full, the rest split what is left evenly (water-filling), so one exploding root cannot starve
/// the others.
fn share(wanted: &[usize], cap: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by_key(|&i| (wanted[i], i));
    let mut out = vec![0; wanted.len()];
    let mut left = cap;
    for (k, &i) in order.iter().enumerate() {
        let even = left / (order.len() - k);
        out[i] = wanted[i].min(even);
        left -= out[i];
    }
    out
}

/// A depth-first search over the call graph: a call to a module still on the path is a back
/// edge, which every cycle has at least one of.
struct Search<'g> {
    modules: &'g BTreeMap<PathBuf, Outline>,
    edges: &'g BTreeMap<PathBuf, Vec<(usize, PathBuf)>>,
    done: BTreeSet<PathBuf>,
    /// The calls that close a cycle: (caller, index of the call).
    back: BTreeSet<(PathBuf, usize)>,
    cycles: Vec<(String, Finding)>,
}

impl Search<'_> {
    /// Iterative (module chains can be thousands long): the path holds each module on it and
    /// the index of its next call to follow.
    fn from(&mut self, root: &PathBuf) {
        if self.done.contains(root) {
            return;
        }
        self.done.insert(root.clone());
        let mut path: Vec<(PathBuf, usize)> = vec![(root.clone(), 0)];
        while let Some(top) = path.len().checked_sub(1) {
            let (dir, next) = (&path[top].0, path[top].1);
            let Some((call, child)) = self.edges[dir].get(next).cloned() else {
                path.pop();
                continue;
            };
            path[top].1 += 1;
            if let Some(at) = path.iter().position(|(d, _)| *d == child) {
                let cycle: Vec<PathBuf> = path[at..].iter().map(|(d, _)| d.clone()).collect();
                self.report(call, &cycle);
            } else if self.done.insert(child.clone()) {
                path.push((child, 0));
            }
        }
    }

    /// The call `call` of the last module of `cycle` closes it (back to the first).
    fn report(&mut self, call: usize, cycle: &[PathBuf]) {
        let caller = &cycle[cycle.len() - 1];
        self.back.insert((caller.clone(), call));
        let c = &self.modules[caller].calls[call];
        let mut names: Vec<String> = cycle.iter().map(|d| shown(d)).collect();
        names.push(shown(&cycle[0]));
        let f = linter::module_cycle(c.span, &names);
        self.cycles.push((c.file.to_string(), f));
    }
}

fn shown(dir: &std::path::Path) -> String {
    let s = display(dir);
    if s.is_empty() { ".".to_string() } else { s }
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn small_roots_get_what_they_want_and_the_rest_is_split() {
        assert_eq!(share(&[3, 100_000, 50], 10_000), [3, 9_947, 50]);
        assert_eq!(share(&[100_000, 100_000], 10_000), [5_000, 5_000]);
        assert_eq!(share(&[1, 1, 1], 2), [0, 1, 1]);
        assert_eq!(share(&[4, 5], 100), [4, 5]);
    }
}
