//! The cross-file stage, after every file was read: per project (see [`super::context`]), the
//! index is built from the files' facts, the cross-file rules run on it, and their findings meet
//! the same tail as any other — the suppressions of the object they are about and of the file
//! they are in, the config's ignores — before every suppression held for them is asked whether
//! it suppressed anything (AKS003). A finding is reported when any object its verdict rests on
//! is in a reported file.

use super::context::Projects;
use super::dispatch::RuleSet;
use super::finish::{FileText, admit};
use super::input;
use super::{Job, Options, stdin_path};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Finding, LintResult};
use crate::index::{FileFacts, Index};
use crate::rules::Contributors;
use crate::source::LineIndex;
use crate::suppress;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// One file's facts, whether its findings are reported, and the input it came from.
pub(super) struct Indexed<'j> {
    pub file: Arc<str>,
    pub facts: FileFacts,
    pub reported: bool,
    pub job: &'j Job,
}

/// Runs the cross-file rules on each project's index; with the text of the files they report in
/// when the output shows code frames (those files were read before, and dropped).
pub(super) fn lint(
    files: Vec<Indexed<'_>>,
    projects: &mut Projects,
    set: &RuleSet<'_>,
    cfg: &Config,
    opts: &Options,
) -> LintResult {
    let mut by_project: BTreeMap<usize, Vec<Indexed<'_>>> = BTreeMap::new();
    let mut jobs: BTreeMap<Arc<str>, &Job> = BTreeMap::new();
    for f in files {
        let project = match f.job {
            Job::File(j) => projects.of(&j.path),
            Job::Stdin { name, .. } => stdin_path(name).map_or(0, |p| projects.of(p)),
        };
        jobs.insert(f.file.clone(), f.job);
        by_project.entry(project).or_default().push(f);
    }
    let mut out = LintResult::default();
    for files in by_project.into_values() {
        out.diagnostics.extend(lint_project(files, set, cfg));
    }
    if opts.keep_sources {
        let shown: BTreeSet<&str> = out.diagnostics.iter().map(|d| d.file.as_str()).collect();
        for file in shown {
            if let Some(text) = jobs.get(file).and_then(|j| reread(j, cfg)) {
                out.sources.insert(file.to_string(), text);
            }
        }
    }
    out
}

/// The text of a file read before, for its code frames; standard input keeps its own.
fn reread(job: &Job, cfg: &Config) -> Option<Arc<str>> {
    let Job::File(f) = job else { return None };
    let bytes = input::read(job, cfg.limits.file_size).ok()?;
    let text = input::decode(&bytes, f.kind).ok()?.text;
    Some(Arc::from(&*text))
}

/// One project's cross-file findings, settled.
fn lint_project(files: Vec<Indexed<'_>>, set: &RuleSet<'_>, cfg: &Config) -> Vec<Diagnostic> {
    let reported: BTreeSet<Arc<str>> = files
        .iter()
        .filter(|f| f.reported)
        .map(|f| f.file.clone())
        .collect();
    let index = Index::build(
        files.into_iter().map(|f| (f.file, f.facts)).collect(),
        reported.clone(),
    );
    let found = set.check_index(&index);
    let mut files: BTreeMap<Arc<str>, FileFacts> = index.into_files().into_iter().collect();
    let mut by_file: BTreeMap<Arc<str>, Vec<Finding>> = BTreeMap::new();
    for (f, about) in found {
        if !about.files.iter().any(|x| reported.contains(x)) {
            continue;
        }
        if let Some(f) = settle(f, &about, &mut files, cfg) {
            let file = f.file.clone().expect("cross-file findings name their file");
            by_file.entry(file).or_default().push(f);
        }
    }
    let mut out = Vec::new();
    for (name, facts) in &files {
        let mut mine = by_file.remove(name).unwrap_or_default();
        if reported.contains(name) && set.checks() && facts.holds_suppressions() {
            mine.extend(suppress::unused(&facts.comments, |id| set.enabled(id)));
            for o in &facts.objects {
                mine.extend(
                    suppress::unused(&o.suppressions, |id| set.enabled(id))
                        .into_iter()
                        .map(|mut f| {
                            f.object = Some(o.label.clone());
                            f.source.clone_from(&o.source);
                            f
                        }),
                );
            }
        }
        if !mine.is_empty() {
            out.extend(admit(&FileText::new(name, ""), mine, set, cfg));
        }
    }
    out
}

/// One finding through the suppressions of the object it is about and of its file, and the
/// `[[per-object]]` ignores; `None` when something silenced it.
fn settle(
    f: Finding,
    about: &Contributors,
    files: &mut BTreeMap<Arc<str>, FileFacts>,
    cfg: &Config,
) -> Option<Finding> {
    let mut one = vec![f];
    // Positions are resolved: the line index is not needed.
    let lines = LineIndex::new("");
    if let Some(o) = files
        .get_mut(&about.about.file)
        .and_then(|facts| facts.objects.iter_mut().find(|o| o.anchor == about.about))
    {
        if cfg.ignored_for_object(&o.kind, Some(&o.namespace), Some(&o.name), one[0].id()) {
            return None;
        }
        suppress::apply(&mut one, &mut o.suppressions, &lines);
    }
    let file = one.first()?.file.clone()?;
    if let Some(facts) = files.get_mut(&file) {
        suppress::apply(&mut one, &mut facts.comments, &lines);
    }
    one.pop()
}
