//! The Terraform pipeline. A directory is a module: the scanned module directories and the local
//! children they call are loaded together ([`mod@load`]); every module instance is evaluated from a
//! root (a scanned module no scanned module calls), children with their caller's arguments,
//! never standalone; each resource meets the rules that judge its Azure kind, and the facts of
//! all instances form the [`crate::terraform::TfIndex`], which the verdicts that read it wait for
//! ([`check`]); then each file of the report scope is finished like any other.
//!
//! Memory: the project is held as outlines (each file's text, parse error and suppression
//! comments; each module's calls), never as every module's syntax trees at once. Trees live in
//! a cache within a budget ([`trees`]), taken by each root's task while it evaluates and parsed
//! again when they were let go.

mod check;
mod facts;
mod graph;
mod load;
mod plan;
mod trees;

use super::Options;
use super::finish::{FileText, finish};
use super::settings::Settings;
use crate::config::Limits;
use crate::diagnostic::{Diagnostic, Finding, LintResult};
use crate::index::terraform::TfFacts;
use crate::suppress;
use crate::terraform::SourceKind;
use crate::terraform::plan::Plan;
use check::Source;
pub(crate) use load::PlanInput;
use load::Project;
pub(super) use load::{Inputs, StdinFile};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
pub use trees::BUDGET as TREE_BUDGET;

/// The Terraform the run names, loaded: each module as an outline, and the cache of their trees.
pub(super) struct Loaded {
    trees: trees::Trees,
    project: Project,
    /// The plans named, read (see [`plan`]).
    plans: Vec<Plan>,
}

impl Loaded {
    /// Every loaded file, and every module directory that could not be read: what a finding
    /// may name (the run looks up each one's config before it builds its settings).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        let files = self.project.files().map(|f| &*f.name);
        let plans = self.plans.iter().map(|p| &*p.name);
        files.chain(self.project.unreadable_dirs()).chain(plans)
    }
}

/// Loads the Terraform the run names (module directories, `.tfvars`, standard input, plans),
/// the children they call and their context, within the run's limits; `None` when there is none
/// (a var-file named or given alone is some: its syntax is checked).
pub(super) fn load(inputs: &Inputs<'_>, limits: &Limits, opts: &Options) -> Option<Loaded> {
    if inputs.dirs.is_empty()
        && inputs.stdin.is_empty()
        && inputs.context.is_empty()
        && inputs.var_files.is_empty()
        && opts.var_files.is_empty()
        && inputs.plans.is_empty()
    {
        return None;
    }
    use rayon::prelude::*;
    let trees = trees::Trees::new(opts.terraform_trees.unwrap_or(TREE_BUDGET));
    let project = load::load(inputs, limits, opts, &trees);
    let plans = inputs.plans.par_iter().map(PlanInput::load).collect();
    Some(Loaded {
        trees,
        project,
        plans,
    })
}

/// Lints the loaded Terraform. Its modules are evaluated together (a child with its caller's
/// arguments) and indexed once; each root is checked with the rules of every config that
/// applies to a file of the report scope it reaches, and a finding is kept from the check of
/// its own file's config.
pub(super) fn lint_modules(
    loaded: Option<Loaded>,
    settings: &Settings<'_>,
    opts: &Options,
) -> (LintResult, TfFacts) {
    let mut out = LintResult::default();
    let Some(Loaded {
        trees,
        project,
        plans,
    }) = loaded
    else {
        return (out, TfFacts::default());
    };
    for m in project.scanned() {
        let counted = m.files.iter().filter(|f| project.in_scope(&f.name));
        for f in counted.filter(|f| f.kind != SourceKind::Lock) {
            out.files += 1;
            out.bytes += f.text.len() as u64;
        }
    }
    // Each config's module directories: those holding a file of the report scope it applies to;
    // and the plans it applies to.
    let mut dirs_of: BTreeMap<usize, BTreeSet<&Path>> = BTreeMap::new();
    for (dir, m) in &project.modules {
        for f in m.files.iter().filter(|f| project.in_scope(&f.name)) {
            let c = settings.of(Path::new(&*f.name));
            if f.kind != SourceKind::Lock {
                settings.note_use(c, &f.name);
            }
            dirs_of.entry(c).or_default().insert(dir);
        }
    }
    let config_of_plan: Vec<usize> = plans
        .iter()
        .map(|p| settings.of(Path::new(&*p.name)))
        .collect();
    for (p, &c) in plans.iter().zip(&config_of_plan) {
        out.files += 1;
        out.bytes += p.text.len() as u64;
        settings.note_use(c, &p.name);
        dirs_of.entry(c).or_default();
    }
    let mut by_file: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    let mut by_plan: Vec<Vec<Finding>> = plans.iter().map(|_| Vec::new()).collect();
    let mut tf = TfFacts::default();
    if settings.checks() {
        let reach: Vec<BTreeSet<PathBuf>> = (0..project.roots.len())
            .map(|r| check::reach(&project, r))
            .collect();
        let rules: Vec<check::Rules<'_, '_>> = dirs_of
            .iter()
            .map(|(&c, dirs)| check::Rules {
                set: settings.set(c),
                cfg: settings.cfg(c),
                roots: reach
                    .iter()
                    .map(|reached| reached.iter().any(|d| dirs.contains(d.as_path())))
                    .collect(),
                plans: config_of_plan.iter().map(|&pc| pc == c).collect(),
            })
            .collect();
        let collect = settings.reads_terraform_facts();
        let checked = check::check_roots(&project, &trees, &plans, &rules, collect);
        out.objects = checked.objects;
        let pairs: Vec<Option<usize>> = plans.iter().map(|p| plan::paired(p, &project)).collect();
        let reported = plan::Reported::of(&checked.findings);
        for (&c, found) in dirs_of.keys().zip(checked.findings) {
            for (source, file, f) in found {
                // Each finding is kept by its file's config; a paired plan's, when the
                // configuration does not report it (see `plan`).
                let keep = match source {
                    Source::Root(_) => settings.of(Path::new(&file)) == c,
                    Source::Plan(p) => config_of_plan[p] == c && !reported.covers(pairs[p], &f),
                };
                match source {
                    _ if !keep => {}
                    Source::Plan(p) if file == *plans[p].name => by_plan[p].push(f),
                    _ if project.in_scope(&file) => by_file.entry(file).or_default().push(f),
                    _ => {}
                }
            }
        }
        let plan_text = |file: &str| plans.iter().find(|p| &*p.name == file).map(|p| &*p.text);
        tf = facts::resolve(
            checked.facts,
            |file| project.text_of(file).or_else(|| plan_text(file)),
            |file| project.in_scope(file),
        );
    }
    out.diagnostics = finish_files(&project, by_file, settings, opts, &mut out.sources);
    let judged = project.files().filter(|f| project.in_scope(&f.name));
    out.judged.files.extend(judged.map(|f| f.name.to_string()));
    plan::finish(&plans, by_plan, &config_of_plan, settings, opts, &mut out);
    for (file, f) in project.problems() {
        let text = project.text_of(&file).unwrap_or("");
        let c = settings.of(Path::new(&file));
        out.diagnostics.extend(finish(
            &FileText::new(&file, text),
            vec![f],
            &mut [],
            settings.set(c),
            settings.cfg(c),
            false,
        ));
    }
    (out, tf)
}

/// Suppressions, then positions, file by file: every parsed file of the report scope with
/// findings or suppression comments. (A file that did not parse holds no finding: its problem
/// is reported on its own.)
fn finish_files(
    project: &Project,
    mut by_file: BTreeMap<String, Vec<Finding>>,
    settings: &Settings<'_>,
    opts: &Options,
    sources: &mut BTreeMap<String, Arc<str>>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for f in project.files() {
        if !project.in_scope(&f.name) {
            continue;
        }
        let mine = by_file.remove(&*f.name).unwrap_or_default();
        if f.error.is_some() {
            continue;
        }
        if mine.is_empty() && !f.text.contains("akslint-ignore") {
            continue;
        }
        let file = FileText::new(&f.name, &f.text);
        let mut sups = suppress::from_hcl_comments(&f.text, &f.comments);
        let c = settings.of(Path::new(&*f.name));
        let diags = finish(
            &file,
            mine,
            &mut sups,
            settings.set(c),
            settings.cfg(c),
            false,
        );
        if opts.keep_sources && !diags.is_empty() {
            sources.insert(f.name.to_string(), f.text.clone());
        }
        out.extend(diags);
    }
    out
}
