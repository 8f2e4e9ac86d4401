//! The Terraform pipeline. A directory is a module: the scanned module directories and the local
//! children they call are loaded together ([`load`]); every module instance is evaluated from a
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
mod trees;

use super::Options;
use super::dispatch::RuleSet;
use super::finish::{FileText, finish};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Finding, LintResult};
use crate::index::terraform::TfFacts;
use crate::suppress;
use crate::terraform::SourceKind;
use load::Project;
pub(super) use load::{Inputs, StdinFile};
use std::collections::BTreeMap;
use std::sync::Arc;
pub use trees::BUDGET as TREE_BUDGET;

/// Lints the Terraform the run names: module directories, `.tfvars`, standard input.
pub(super) fn lint_modules(
    inputs: &Inputs<'_>,
    set: &RuleSet<'_>,
    cfg: &Config,
    opts: &Options,
) -> (LintResult, TfFacts) {
    let mut out = LintResult::default();
    if inputs.dirs.is_empty() && inputs.stdin.is_empty() && inputs.context.is_empty() {
        return (out, TfFacts::default());
    }
    let trees = trees::Trees::new(opts.terraform_trees.unwrap_or(TREE_BUDGET));
    let project = load::load(inputs, cfg, opts, &trees);
    for m in project.scanned() {
        for f in m.files.iter().filter(|f| f.kind != SourceKind::Lock) {
            out.files += 1;
            out.bytes += f.text.len() as u64;
        }
    }
    let mut by_file: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    let mut tf = TfFacts::default();
    if set.checks() {
        let checked = check::check_roots(&project, &trees, set, cfg);
        out.objects = checked.objects;
        for (file, f) in checked.findings {
            if project.in_scope(&file) {
                by_file.entry(file).or_default().push(f);
            }
        }
        tf = facts::resolve(
            checked.facts,
            |file| project.text_of(file),
            |file| project.in_scope(file),
        );
    }
    out.diagnostics = finish_files(&project, by_file, set, cfg, opts, &mut out.sources);
    let judged = project.files().filter(|f| project.in_scope(&f.name));
    out.judged.files.extend(judged.map(|f| f.name.to_string()));
    for (file, f) in project.problems() {
        let text = project.text_of(&file).unwrap_or("");
        out.diagnostics.extend(finish(
            &FileText::new(&file, text),
            vec![f],
            &mut [],
            set,
            cfg,
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
    set: &RuleSet<'_>,
    cfg: &Config,
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
        let diags = finish(&file, mine, &mut sups, set, cfg, false);
        if opts.keep_sources && !diags.is_empty() {
            sources.insert(f.name.to_string(), f.text.clone());
        }
        out.extend(diags);
    }
    out
}
