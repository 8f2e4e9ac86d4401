//! The YAML/JSON pipeline, one file per task: read → load (parse; the documents' own errors,
//! limits and duplicate keys) → check (every object offered to the rules that judge its kind,
//! workloads to the pod rules, annotation suppressions per object) → finish.

use super::dispatch::RuleSet;
use super::finish::{FileText, finish};
use super::input::{self, NotText};
use super::{Job, Options};
use crate::config::Config;
use crate::diagnostic::{Finding, LintResult};
use crate::discover::{self, FileKind};
use crate::k8s::{self, Object, Workload};
use crate::rules::linter;
use crate::source::LineIndex;
use crate::suppress;
use crate::yaml::{self, Document, YamlFile};
use std::sync::Arc;

/// Lints one input. A file that is read counts as linted, even when it is rejected.
pub(super) fn lint_file(job: &Job, set: &RuleSet<'_>, cfg: &Config, opts: &Options) -> LintResult {
    let (display, kind) = match job {
        Job::File(f) => (f.display.as_str(), f.kind),
        Job::Stdin { name, .. } => (
            name.as_str(),
            discover::classify(name.as_ref()).unwrap_or(FileKind::Yaml),
        ),
    };
    let rejected = |f: Box<Finding>, text: &str, bytes: u64| LintResult {
        diagnostics: finish(&FileText::new(display, text), vec![*f], &mut [], set, cfg),
        files: 1,
        bytes,
        ..LintResult::default()
    };
    let bytes = match input::read(job, cfg.limits.file_size) {
        Ok(b) => b,
        Err(f) => return rejected(f, "", 0),
    };
    let n = bytes.len() as u64;
    let decoded = match input::decode(&bytes, kind) {
        Ok(t) => t,
        Err(NotText::Ignored) => return LintResult::default(),
        Err(NotText::Rejected(f)) => return rejected(f, "", n),
    };
    let text = &*decoded.text;
    let mut r = lint_text(display, text, &decoded.invalid, kind, set, cfg, opts);
    r.bytes = n;
    if opts.keep_sources && !r.diagnostics.is_empty() {
        r.sources.insert(display.to_string(), Arc::from(text));
    }
    r
}

/// Lints one file's text (already read and size-checked; `invalid`: where invalid UTF-8 was).
fn lint_text(
    display: &str,
    text: &str,
    invalid: &[usize],
    kind: FileKind,
    set: &RuleSet<'_>,
    cfg: &Config,
    opts: &Options,
) -> LintResult {
    let parsed = yaml::parse_decoded(text, &cfg.limits.yaml, invalid);
    if kind == FileKind::Json && parsed.docs.iter().any(|d| d.is_err()) {
        // Only JSON that claims to be a manifest is an error; tsconfig.json is not our business.
        if !input::claims_manifest(text.as_bytes()) {
            return LintResult::default();
        }
    }
    let file = FileText::new(display, text);
    let mut findings = Vec::new();
    let mut objects = 0;
    for doc in &parsed.docs {
        let doc = match doc {
            Ok(d) => d,
            Err(e) => {
                findings.push(linter::yaml_error(e));
                continue;
            }
        };
        if opts.parse_only {
            continue;
        }
        objects += check_objects(doc, set, cfg, &file.lines, &mut findings);
        if doc.alias_budget_exhausted() {
            findings.push(linter::alias_budget_exhausted(
                doc.root.map(|r| doc.span(r)),
            ));
        }
    }
    if !opts.parse_only {
        findings.extend(duplicate_keys(&parsed));
    }
    let mut sups = suppress::from_comments(text, &parsed.comments, &file.lines);
    LintResult {
        diagnostics: finish(&file, findings, &mut sups, set, cfg),
        files: 1,
        objects,
        ..LintResult::default()
    }
}

/// Runs the rules on every object of a document; applies the objects' annotation suppressions
/// and `[[per-object]]` ignores. Returns how many objects there were.
fn check_objects(
    doc: &Document<'_>,
    set: &RuleSet<'_>,
    cfg: &Config,
    lines: &LineIndex,
    out: &mut Vec<Finding>,
) -> usize {
    let objects = k8s::objects(doc);
    for obj in &objects {
        let workload = Workload::of(obj);
        let mut own = set.check_object(obj, workload.as_ref());
        own.retain(|f| !cfg.ignored_for_object(obj.kind, obj.namespace, obj.name, f.id()));
        let mut ann = suppress::from_annotations(obj, workload.as_ref().map(|w| &w.pod));
        if !ann.is_empty() {
            suppress::apply(&mut own, &mut ann, lines);
            own.extend(suppress::problems(&ann, |id| set.enabled(id)));
        }
        let label = obj.display();
        out.extend(own.into_iter().map(|f| on_object(f, &label, doc)));
    }
    objects.len()
}

/// AKS004 for every repeated key, labelled with the object of its document.
fn duplicate_keys(parsed: &YamlFile<'_>) -> Vec<Finding> {
    parsed
        .duplicates
        .iter()
        .map(|d| {
            let f = linter::duplicate_key(d);
            let doc = parsed
                .docs
                .iter()
                .flatten()
                .find(|doc| doc.span.start <= d.last.start && d.last.start < doc.span.end);
            match doc {
                Some(doc) => {
                    let label = doc
                        .root
                        .and_then(|r| Object::new(doc, r))
                        .map(|o| o.display());
                    match label {
                        Some(label) => on_object(f, &label, doc),
                        None => Finding {
                            source: doc.helm_source.clone(),
                            ..f
                        },
                    }
                }
                None => f,
            }
        })
        .collect()
}

/// Names the object and the document's helm source on a finding that does not name its own.
fn on_object(mut f: Finding, label: &str, doc: &Document<'_>) -> Finding {
    if f.object.is_none() {
        f.object = Some(label.to_string());
    }
    if f.source.is_none() {
        f.source = doc.helm_source.clone();
    }
    f
}
