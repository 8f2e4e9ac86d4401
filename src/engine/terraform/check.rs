//! Evaluating and checking the Terraform project: every module instance from its root (a child
//! with its caller's arguments), the index of cross-module facts built from all instances, and
//! every resource that may exist offered to the rules that judge its Azure kind (or its block
//! kind: `local_file`) — one whose `count`/`for_each`, or whose module call's, is unknown once,
//! as a representative instance (`…["*"]`, `…[*]`) — and the outputs of each root instance to the rules that judge root
//! outputs (a child's outputs reach only its caller).
//!
//! Scopes evaluate lazily and are not shared between threads: each root's tree of module
//! instances is built in its own task, once for the index (which reads only what it needs) and
//! once for the rules, over the same parsed modules, taken from the run's [`Trees`] and let go
//! when the task is done. So that a root's modules are parsed once for both, the rules run
//! before the index is whole: the part of a verdict that reads it (AKS701–AKS703: diagnostic
//! settings and Defender plans anywhere in the configuration) waits, with what it read of the
//! resource, until every root is indexed ([`crate::rules::TfCtx::with_index`]). Everything a
//! rule evaluates is evaluated in the same order as if the index had been whole.

use super::facts;
use super::load::Project;
use super::trees::Trees;
use crate::config::Config;
use crate::diagnostic::Finding;
use crate::discover::normalize;
use crate::engine::dispatch::{Deferred, RuleSet, TfInstance};
use crate::index::terraform::TfFacts;
use crate::rules::azurerm::arm;
use crate::rules::linter;
use crate::source::Span;
use crate::terraform::plan::Plan;
use crate::terraform::{
    AzureKind, BlockKind, Calls, Count, MAX_CALL_DEPTH, Majors, Module, Resource, Scope, TfIndex,
    azapi, provider,
};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

/// One evaluated module instance.
struct Instance<'m> {
    scope: Scope<'m>,
    prefix: String,
    majors: Majors,
}

impl Instance<'_> {
    /// Where its resources are judged from, for the `r`th root.
    fn at(&self, r: usize) -> At<'_> {
        At {
            prefix: &self.prefix,
            majors: self.majors,
            source: Source::Root(r),
        }
    }
}

/// What a finding was made from: the tree of a root module, or a Terraform plan (by index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    Root(usize),
    Plan(usize),
}

/// The module instance a resource is judged in: its address prefix, its azurerm majors, and
/// what it was read from.
pub(super) struct At<'p> {
    pub prefix: &'p str,
    pub majors: Majors,
    pub source: Source,
}

/// What a module's own files say about azurerm majors; `None` without any evidence.
fn evidence(m: &Module) -> Option<Majors> {
    let pv = provider::azurerm(m);
    (!pv.evidence.is_empty()).then_some(pv.majors)
}

/// The evidence of a call chain: intersected along it; the newest major when nothing says.
fn chain(parent: Option<Majors>, child: Option<Majors>) -> Option<Majors> {
    match (parent, child) {
        (Some(p), Some(c)) => Some(p.intersect(c)),
        (p, c) => p.or(c),
    }
}

/// The instances of one root's tree, as they are evaluated, within the root's budget.
struct Walk<'m> {
    modules: &'m BTreeMap<PathBuf, Arc<Module>>,
    /// The module directories from the root to the instance being evaluated.
    stack: Vec<PathBuf>,
    out: Vec<Instance<'m>>,
    /// Instances the root may still make.
    budget: usize,
    /// Calls not followed because the budget ran out: (file, call header).
    capped: BTreeSet<(Arc<str>, Span)>,
}

impl<'m> Walk<'m> {
    /// Evaluates a module instance and, through it, its local children.
    fn instance(
        &mut self,
        module: &'m Module,
        scope: Scope<'m>,
        prefix: String,
        majors: Option<Majors>,
    ) {
        let mut children = Vec::new();
        for call in &module.calls {
            let Some(path) = call.local_path.as_ref().map(|p| normalize(p)) else {
                continue;
            };
            let Some(child) = self.modules.get(&path) else {
                continue;
            };
            if self.stack.contains(&path) || self.stack.len() >= MAX_CALL_DEPTH {
                continue;
            }
            // A call known to make no instance makes none; one whose `count`/`for_each` is
            // unknown makes a representative instance (`module.aks["*"].`), whose resources may
            // not exist (rules.md, "Unknown presence").
            let Some((child_prefix, count)) = call.instance_prefix(&scope, &prefix) else {
                continue;
            };
            let representative = scope.is_representative() || count == Count::Unknown;
            if self.budget == 0 {
                self.capped.insert((call.file.clone(), call.span));
                continue;
            }
            self.budget -= 1;
            let mut stack = self.stack.clone();
            stack.push(path.clone());
            let calls = Calls {
                modules: self.modules,
                stack,
            };
            let mut child_scope = Scope::with_inputs(child, call.inputs(&scope)).calling(calls);
            if representative {
                child_scope = child_scope.representative();
            }
            let child_majors = chain(majors, evidence(child));
            children.push((path, child, child_scope, child_prefix, child_majors));
        }
        let majors_in_force = majors.unwrap_or(Majors::only(Majors::NEWEST as u64));
        self.out.push(Instance {
            scope,
            prefix,
            majors: majors_in_force,
        });
        for (path, child, child_scope, child_prefix, child_majors) in children {
            self.stack.push(path);
            self.instance(child, child_scope, child_prefix, child_majors);
            self.stack.pop();
        }
    }
}

/// The parsed modules the `i`th root reaches through local calls (itself included): those its
/// instances may be made of.
fn reached(project: &Project, trees: &Trees, i: usize) -> BTreeMap<PathBuf, Arc<Module>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![project.roots[i].clone()];
    while let Some(dir) = todo.pop() {
        if out.contains_key(&dir) {
            continue;
        }
        let Some(outline) = project.modules.get(&dir) else {
            continue;
        };
        for call in &outline.calls {
            if let Some(p) = &call.local_path {
                todo.push(normalize(p));
            }
        }
        out.insert(dir.clone(), trees.get(&dir, outline));
    }
    out
}

/// Every instance of the tree rooted at the `i`th root (made of `modules`, see [`reached`]),
/// the root first, within its budget; and the calls the budget stopped.
fn instances_of<'m>(
    project: &Project,
    modules: &'m BTreeMap<PathBuf, Arc<Module>>,
    i: usize,
) -> Walk<'m> {
    let root = &project.roots[i];
    let m = &modules[root];
    let mut walk = Walk {
        modules,
        stack: vec![root.clone()],
        out: Vec::new(),
        budget: project.budgets[i],
        capped: BTreeSet::new(),
    };
    if walk.budget > 0 {
        walk.budget -= 1;
        let calls = Calls {
            modules,
            stack: vec![root.clone()],
        };
        walk.instance(m, Scope::new(m).calling(calls), String::new(), evidence(m));
    }
    walk
}

/// One config's rules over the project: its rule set and config, and which roots it checks
/// (those that reach a module holding one of its files).
pub(super) struct Rules<'a, 'c> {
    pub set: &'a RuleSet<'c>,
    pub cfg: &'a Config,
    pub roots: Vec<bool>,
    /// Which plans it checks (those its config applies to).
    pub plans: Vec<bool>,
}

/// The module directories the `i`th root reaches through local calls (itself included), from
/// the outlines: no tree is parsed.
pub(super) fn reach(project: &Project, i: usize) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut todo = vec![project.roots[i].clone()];
    while let Some(dir) = todo.pop() {
        let Some(outline) = project.modules.get(&dir) else {
            continue;
        };
        if !out.insert(dir) {
            continue;
        }
        todo.extend(
            outline
                .calls
                .iter()
                .filter_map(|c| c.local_path.as_deref().map(normalize)),
        );
    }
    out
}

/// Indexes and checks every instance, root by root: each root's tree is indexed once, then
/// checked with the rules of each config that checks it, its modules still parsed; the verdicts
/// that read the whole index wait for it (see [`crate::rules::TfCtx::with_index`]) and are
/// judged once every root is indexed. Gives how many resources there were, the findings of
/// each of `rules` by the file they are in (AKS002 at the calls the instance cap stopped, and at
/// a root it left no room for) and, with `collect`, the facts the cross-layer rules read.
pub(super) fn check_roots<'c>(
    project: &Project,
    trees: &Trees,
    plans: &[Plan],
    rules: &[Rules<'_, 'c>],
    collect: bool,
) -> Checked {
    let mut parts: Vec<Root<'c>> = (0..project.roots.len())
        .into_par_iter()
        .map(|r| check_root(project, trees, r, rules, collect))
        .collect();
    parts.extend(
        plans
            .par_iter()
            .enumerate()
            .map(|(p, plan)| {
                // A paired plan's clusters are its configuration's (see `super::plan`).
                let facts = collect && super::plan::paired(plan, project).is_none();
                super::plan::check(plan, p, rules, facts)
            })
            .collect::<Vec<_>>(),
    );
    let mut index = TfIndex::default();
    let mut all = Checked {
        findings: rules.iter().map(|_| Vec::new()).collect(),
        ..Checked::default()
    };
    let mut waiting = Vec::new();
    for part in parts {
        index.extend(part.index);
        all.objects += part.objects;
        all.facts.extend(part.facts);
        for (k, found) in part.findings {
            let source = part.source;
            all.findings[k].extend(found.into_iter().map(|(file, f)| (source, file, f)));
        }
        waiting.extend(part.waiting);
    }
    for (k, w) in waiting {
        let on = TfInstance {
            majors: w.majors,
            address_prefix: &w.prefix,
        };
        let mut own = rules[k].set.judge(w.deferred, &index, &on);
        for f in &mut own {
            if azapi::is_azapi(&w.kind) {
                arm::to_arm(f, &w.address);
            }
            arm::setting_to_arm(f);
        }
        let mut named = Vec::new();
        name_findings(own, &w.kind, &w.address, &w.file, rules[k].cfg, &mut named);
        let source = w.source;
        all.findings[k].extend(named.into_iter().map(|(file, f)| (source, file, f)));
    }
    all
}

/// What one root's task gives: its part of the index, its resources and facts, what checking
/// its instances found for each config that checks it, and the resources whose verdicts wait for
/// the whole index (with the config they are for).
pub(super) struct Root<'c> {
    pub source: Source,
    pub index: TfIndex,
    pub objects: usize,
    pub facts: TfFacts,
    pub findings: Vec<(usize, Vec<(String, Finding)>)>,
    pub waiting: Vec<(usize, Waiting<'c>)>,
}

/// A resource whose rules left verdicts for the whole index, with what naming their findings
/// takes (the resource's trees may be gone by then).
pub(super) struct Waiting<'c> {
    kind: String,
    address: String,
    file: Arc<str>,
    majors: Majors,
    prefix: String,
    source: Source,
    deferred: Vec<Deferred<'c>>,
}

/// Indexes, then checks, the tree of the `r`th root: a walk over the parsed modules for the
/// index, then one for each config that checks the root (at least one, which counts the
/// resources and collects the facts), each with scopes of its own.
fn check_root<'c>(
    project: &Project,
    trees: &Trees,
    r: usize,
    rules: &[Rules<'_, 'c>],
    collect: bool,
) -> Root<'c> {
    let modules = reached(project, trees, r);
    let mut root = Root {
        source: Source::Root(r),
        index: TfIndex::default(),
        objects: 0,
        facts: TfFacts::default(),
        findings: Vec::new(),
        waiting: Vec::new(),
    };
    for i in instances_of(project, &modules, r).out {
        root.index.add_module(&i.scope, &i.prefix);
    }
    let cap = project.module_instances;
    let mut checking: Vec<Option<usize>> = (0..rules.len())
        .filter(|&k| rules[k].roots[r])
        .map(Some)
        .collect();
    if checking.is_empty() {
        checking.push(None);
    }
    for (n, k) in checking.into_iter().enumerate() {
        let first = n == 0;
        let mut found = Vec::new();
        let walk = instances_of(project, &modules, r);
        for inst in &walk.out {
            for res in inst.scope.resources() {
                if first {
                    root.objects += 1;
                }
                if let Some(k) = k {
                    let waiting = &mut Vec::new();
                    check_resource(&res, &inst.at(r), &rules[k], &mut found, waiting);
                    root.waiting.extend(waiting.drain(..).map(|w| (k, w)));
                }
                if collect && first {
                    let address = format!("{}{}", inst.prefix, res.address);
                    facts::of(&res, address, inst.majors, &mut root.facts);
                }
            }
            // The root instance's outputs (the walk's first instance, without a prefix), when
            // the root is applied itself: it configures a provider or a backend. A module
            // without either is made to be called (Terraform's module guidance): its outputs
            // go to its callers, not to the people who run it.
            if let Some(k) = k
                && inst.prefix.is_empty()
                && rules[k].set.judges_blocks(BlockKind::RootOutput)
                && inst.scope.module().configures_providers()
            {
                for out in inst.scope.outputs() {
                    let on = Offer::Block(BlockKind::RootOutput);
                    offer(
                        &out,
                        on,
                        &inst.at(r),
                        &rules[k],
                        &mut found,
                        &mut Vec::new(),
                    );
                }
            }
            // The caps evaluation hit, for this instance's scope, once the rules are done.
            for (at, cap) in inst.scope.capped() {
                let f = linter::value_capped(at.span, cap);
                found.push((at.file.to_string(), f));
            }
        }
        let Some(k) = k else { continue };
        for (file, span) in walk.capped {
            let f = linter::module_instances(Some(span), cap);
            found.push((file.to_string(), f));
        }
        if walk.out.is_empty()
            && let Some(f) = project.modules[&project.roots[r]].files.first()
        {
            let cap = linter::module_instances(None, cap);
            found.push((f.name.to_string(), cap));
        }
        root.findings.push((k, found));
    }
    root
}

/// What checking the instances gives: how many resources there were, the findings of each
/// config's rules by the file they are in, and the facts the cross-layer rules read.
#[derive(Default)]
pub(super) struct Checked {
    pub objects: usize,
    /// Per config: what each finding was made from, the file it is in, and the finding.
    pub findings: Vec<Vec<(Source, String, Finding)>>,
    pub facts: TfFacts,
}

/// The table a block is offered through.
#[derive(Clone, Copy)]
pub(super) enum Offer {
    Azure(AzureKind),
    Block(BlockKind),
}

/// Offers one resource to the rules that judge its kind (Azure or block), unless it is known to
/// have no instance; see [`offer`].
fn check_resource<'c>(
    res: &Resource<'_>,
    inst: &At<'_>,
    rules: &Rules<'_, 'c>,
    out: &mut Vec<(String, Finding)>,
    waiting: &mut Vec<Waiting<'c>>,
) {
    let kind = match (res.azure, BlockKind::of_type(res.kind)) {
        (Some(k), _) => Offer::Azure(k),
        (None, Some(b)) => Offer::Block(b),
        (None, None) => return,
    };
    if res.exists() == Some(false) {
        // Known to have no instance. One that may not exist is judged once, as a representative
        // instance (rules.md, "Unknown presence").
        return;
    }
    offer(res, kind, inst, rules, out, waiting);
}

/// Offers a block to the rules of its table; names the block on its findings and applies
/// `[[per-object]]` ignores. The verdicts left for the whole index go to `waiting`.
pub(super) fn offer<'c>(
    res: &Resource<'_>,
    kind: Offer,
    inst: &At<'_>,
    rules: &Rules<'_, 'c>,
    out: &mut Vec<(String, Finding)>,
    waiting: &mut Vec<Waiting<'c>>,
) {
    let (set, cfg) = (rules.set, rules.cfg);
    let majors = majors_of(res, inst);
    let on = TfInstance {
        majors,
        address_prefix: inst.prefix,
    };
    let mut deferred = Vec::new();
    let mut own = match kind {
        Offer::Azure(k) => set.check_resource(res, k, &on, &mut deferred),
        Offer::Block(b) => set.check_block(res, b, &on, &mut deferred),
    };
    if own.is_empty() && deferred.is_empty() {
        return;
    }
    let address = format!("{}{}", inst.prefix, res.shown_address());
    if res.arm.is_some() {
        own.iter_mut().for_each(|f| arm::to_arm(f, &address));
    }
    name_findings(own, res.kind, &address, &res.file, cfg, out);
    if !deferred.is_empty() {
        waiting.push(Waiting {
            kind: res.kind.to_string(),
            address,
            file: res.file.clone(),
            majors,
            prefix: inst.prefix.to_string(),
            source: inst.source,
            deferred,
        });
    }
}

/// The azurerm majors a resource is judged with: its module's; for an azapi resource, whose body
/// the rules read through the azurerm names, v5 — the major whose spellings and defaults the
/// names stand for (see [`crate::terraform::azapi`]).
fn majors_of(res: &Resource<'_>, inst: &At<'_>) -> Majors {
    if res.arm.is_some() {
        Majors::only(5)
    } else {
        inst.majors
    }
}

/// Names the resource (of type `kind`, at `address`, written in `file`) on the findings of its
/// rules and applies `[[per-object]]` ignores.
fn name_findings(
    own: Vec<Finding>,
    kind: &str,
    address: &str,
    file: &Arc<str>,
    cfg: &Config,
    out: &mut Vec<(String, Finding)>,
) {
    for mut f in own {
        if cfg.ignored_for_address(kind, address, f.id()) {
            continue;
        }
        f.object.get_or_insert_with(|| address.to_string());
        let file = f
            .file
            .clone()
            .map_or_else(|| file.to_string(), |a| a.to_string());
        out.push((file, f));
    }
}
