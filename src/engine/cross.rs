//! The cross-file stage, after every file was read: per project (see [`super::context`]), the
//! index is built from the files' facts, the cross-file rules run on it, and their findings meet
//! the same tail as any other — the suppressions of the object they are about and of the file
//! they are in, the config's ignores — before every suppression held for them is asked whether
//! it suppressed anything (AKS003). A finding is reported when any object its verdict rests on
//! is in a reported file.
//!
//! Each config that applies to a file of the project runs its own cross-file rules (with its
//! parameters) on the project's whole index, and keeps the findings in the files it applies
//! to: a finding is judged by the config of the file it is reported in.

use super::context::Projects;
use super::finish::{FileText, admit};
use super::input;
use super::settings::Settings;
use super::yaml::FileOutput;
use super::{Job, Options, stdin_path};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Finding, LintResult};
use crate::index::terraform::TfFacts;
use crate::index::{FileFacts, Index};
use crate::rules::Contributors;
use crate::source::LineIndex;
use crate::suppress;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
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
    tf: TfFacts,
    projects: &mut Projects,
    settings: &Settings<'_>,
    opts: &Options,
) -> LintResult {
    let mut by_project: BTreeMap<usize, Project<'_>> = BTreeMap::new();
    let mut jobs: BTreeMap<Arc<str>, &Job> = BTreeMap::new();
    for f in files {
        let path = path_of(f.job);
        let project = by_project
            .entry(path.map_or(0, |p| projects.of(p)))
            .or_default();
        let c = settings.of_job(f.job);
        if let Some(address) = path.and_then(|p| settings.cfg(c).cluster_for(p)) {
            project.mapped.insert(f.file.clone(), address.to_string());
        }
        jobs.insert(f.file.clone(), f.job);
        project.files.push(f);
    }
    for c in tf.clusters {
        let p = projects.of(Path::new(&*c.anchor.file));
        by_project.entry(p).or_default().tf.clusters.push(c);
    }
    for c in tf.credentials {
        let p = projects.of(Path::new(&*c.anchor.file));
        by_project.entry(p).or_default().tf.credentials.push(c);
    }
    let mut out = LintResult::default();
    for project in by_project.into_values() {
        out.diagnostics.extend(lint_project(project, settings));
    }
    if opts.keep_sources {
        let shown: BTreeSet<&str> = out.diagnostics.iter().map(|d| d.file.as_str()).collect();
        for file in shown {
            let reread = |j: &&Job| reread(j, settings.cfg(settings.of_job(j)));
            if let Some(text) = jobs.get(file).and_then(reread) {
                out.sources.insert(file.to_string(), text);
            }
        }
    }
    out
}

/// The path of an input, for its project (standard input's name, when that is a path).
fn path_of(job: &Job) -> Option<&Path> {
    match job {
        Job::File(j) => Some(j.path.as_path()),
        Job::Stdin { name, .. } => stdin_path(name),
    }
}

/// The projects whose manifests read Key Vault through External Secrets.
pub(super) fn reading_key_vault(
    jobs: &[Job],
    files: &[FileOutput],
    projects: &mut Projects,
) -> BTreeSet<usize> {
    jobs.iter()
        .zip(files)
        .filter(|(_, f)| f.reads_key_vault())
        .map(|(j, _)| path_of(j).map_or(0, |p| projects.of(p)))
        .collect()
}

/// AKS511's exception, which a Terraform rule cannot see: its findings on the clusters of a
/// project whose manifests read Key Vault through External Secrets go (the add-on is not that
/// team's way to Key Vault).
pub(super) fn key_vault_read_elsewhere(
    terraform: &mut Vec<Diagnostic>,
    reading: &BTreeSet<usize>,
    projects: &mut Projects,
) {
    if reading.is_empty() {
        return;
    }
    terraform.retain(|d| d.rule != "AKS511" || !reading.contains(&projects.of(Path::new(&d.file))));
}

/// The text of a file read before, for its code frames; standard input keeps its own.
fn reread(job: &Job, cfg: &Config) -> Option<Arc<str>> {
    let Job::File(f) = job else { return None };
    let bytes = input::read(job, cfg.limits.file_size).ok()?;
    let text = input::decode(&bytes, f.kind).ok()?.text;
    Some(Arc::from(&*text))
}

/// One project: its manifests' facts, its Terraform's, and the clusters `[[cluster]]` maps its
/// manifest files to.
#[derive(Default)]
struct Project<'j> {
    files: Vec<Indexed<'j>>,
    tf: TfFacts,
    mapped: BTreeMap<Arc<str>, String>,
}

/// One project's cross-file findings, settled: each config of its files runs its rules on the
/// whole index and keeps the findings in its own files.
fn lint_project(project: Project<'_>, settings: &Settings<'_>) -> Vec<Diagnostic> {
    let Project { files, tf, mapped } = project;
    let of = |file: &str| settings.of(Path::new(file));
    // The Terraform the run names is in report scope as the manifests it names are.
    let mut reported: BTreeSet<Arc<str>> = files
        .iter()
        .filter(|f| f.reported)
        .map(|f| f.file.clone())
        .collect();
    let tf_files = tf.clusters.iter().map(|c| (&c.anchor, c.reported));
    let tf_files = tf_files.chain(tf.credentials.iter().map(|c| (&c.anchor, c.reported)));
    reported.extend(tf_files.filter(|(_, r)| *r).map(|(a, _)| a.file.clone()));
    let mut configs: BTreeSet<usize> = files.iter().map(|f| settings.of_job(f.job)).collect();
    configs.extend(reported.iter().map(|f| of(f)));
    let index = Index::build(
        files.into_iter().map(|f| (f.file, f.facts)).collect(),
        reported.clone(),
    )
    .with_terraform(tf, mapped);
    let mut found = Vec::new();
    for &c in &configs {
        let set = settings.set(c);
        if !set.reads_index() {
            continue;
        }
        for (f, about) in set.check_index(&index) {
            let mine = f.file.as_deref().is_some_and(|file| of(file) == c);
            if mine && about.files.iter().any(|x| reported.contains(x)) {
                found.push((c, f, about));
            }
        }
    }
    let mut files: BTreeMap<Arc<str>, FileFacts> = index.into_files().into_iter().collect();
    let mut by_file: BTreeMap<Arc<str>, Vec<Finding>> = BTreeMap::new();
    for (c, f, about) in found {
        if let Some(f) = settle(f, &about, &mut files, settings.cfg(c)) {
            let file = f.file.clone().expect("cross-file findings name their file");
            by_file.entry(file).or_default().push(f);
        }
    }
    let mut out = Vec::new();
    // Only the reported files and those with findings have anything to say: a pre-commit run
    // holds 20,000 files' facts for one named file.
    let speaking: BTreeSet<Arc<str>> = by_file.keys().chain(&reported).cloned().collect();
    for name in &speaking {
        let Some(facts) = files.get(name) else {
            continue;
        };
        let c = of(name);
        let set = settings.set(c);
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
            out.extend(admit(&FileText::new(name, ""), mine, set, settings.cfg(c)));
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
