//! The call graph of the loaded modules (local calls only): which modules are roots, and which
//! calls close a cycle.
//!
//! Terraform rejects a cycle of module calls (a → b → a, or a module calling itself). Each call
//! that closes one is reported (AKS001) and never followed. A module reached from no root — it
//! lies in or under a cycle, since every module nothing calls is a root — becomes a root itself
//! (the first such in path order, then whatever it does not reach), so no module goes
//! unevaluated.

use crate::diagnostic::Finding;
use crate::discover::{display, normalize};
use crate::rules::linter;
use crate::terraform::Module;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The roots to evaluate from, and the calls that close a cycle (by the file holding them).
pub(super) struct Graph {
    pub roots: Vec<PathBuf>,
    pub cycles: Vec<(String, Finding)>,
}

/// For each loaded module, the loaded modules it calls, in written order.
fn edges(modules: &BTreeMap<PathBuf, Module>) -> BTreeMap<PathBuf, Vec<(usize, PathBuf)>> {
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

/// Roots and cycles of the loaded modules.
pub(super) fn analyse(modules: &BTreeMap<PathBuf, Module>) -> Graph {
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
    Graph {
        roots,
        cycles: search.cycles,
    }
}

/// A depth-first search over the call graph: a call to a module still on the path is a back
/// edge, which every cycle has at least one of.
struct Search<'g> {
    modules: &'g BTreeMap<PathBuf, Module>,
    edges: &'g BTreeMap<PathBuf, Vec<(usize, PathBuf)>>,
    done: BTreeSet<PathBuf>,
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
