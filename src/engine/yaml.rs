//! The YAML/JSON pipeline, one file per task: read → load (parse; the documents' own errors,
//! limits and duplicate keys) → check (every object offered to the rules that judge its kind,
//! workloads to the pod rules, annotation suppressions per object) and index (the facts the
//! cross-file rules read, with the suppressions that may silence their findings) → finish.
//! A file read for context only is loaded and indexed, never checked or reported.

use super::dispatch::RuleSet;
use super::finish::{FileText, finish};
use super::input::{self, NotText};
use super::{Job, Options};
use crate::config::Config;
use crate::diagnostic::{Finding, LintResult};
use crate::discover::{self, FileKind};
use crate::index::FileFacts;
use crate::index::facts::Extractor;
use crate::k8s::{self, Object, Workload};
use crate::rules::linter;
use crate::source::LineIndex;
use crate::suppress;
use crate::yaml::{self, Document, YamlFile};
use std::sync::Arc;

/// How one file takes part in the run.
#[derive(Clone, Copy)]
pub(super) struct Part<'a> {
    /// Its findings are reported (else it is read for the cross-file rules' context only).
    pub reported: bool,
    /// Extract facts for the cross-file index, in this default namespace.
    pub index: Option<&'a str>,
}

/// What one YAML/JSON file gives the run.
pub(super) struct FileOutput {
    pub result: LintResult,
    /// Its facts for the cross-file index, with the suppressions that wait for the cross-file
    /// rules; `None` when it has no object they read.
    pub facts: Option<(Arc<str>, FileFacts)>,
    pub reported: bool,
    /// Its text was linted (it was not rejected or ignored before parsing): what the cache may
    /// keep.
    pub linted: bool,
}

impl FileOutput {
    /// The file reads Key Vault through External Secrets (for AKS511's exception).
    pub fn reads_key_vault(&self) -> bool {
        self.facts
            .as_ref()
            .is_some_and(|(_, f)| f.reads_key_vault())
    }
}

/// Lints one input, as read by [`input::read`] (its bytes, or the finding about why they could
/// not be read). A file that is read counts as linted, even when it is rejected.
pub(super) fn lint_read(
    job: &Job,
    read: Result<Vec<u8>, Box<Finding>>,
    part: Part<'_>,
    set: &RuleSet<'_>,
    cfg: &Config,
    opts: &Options,
) -> FileOutput {
    let none = |result| FileOutput {
        result,
        facts: None,
        reported: part.reported,
        linted: false,
    };
    let out = lint_input(job, read, part, set, cfg, opts);
    match out {
        Ok(out) => out,
        // What cannot be read is reported only where the file is.
        Err(result) if part.reported => none(result),
        Err(_) => none(LintResult::default()),
    }
}

/// `Err` with the file's one finding (or nothing) when it is not text to lint.
fn lint_input(
    job: &Job,
    read: Result<Vec<u8>, Box<Finding>>,
    part: Part<'_>,
    set: &RuleSet<'_>,
    cfg: &Config,
    opts: &Options,
) -> Result<FileOutput, LintResult> {
    let (display, kind) = match job {
        Job::File(f) => (f.display.as_str(), f.kind),
        Job::Stdin { name, .. } => (
            name.as_str(),
            discover::classify(name.as_ref()).unwrap_or(FileKind::Yaml),
        ),
    };
    let rejected = |f: Box<Finding>, text: &str, bytes: u64| LintResult {
        diagnostics: finish(
            &FileText::new(display, text),
            vec![*f],
            &mut [],
            set,
            cfg,
            false,
        ),
        files: 1,
        bytes,
        ..LintResult::default()
    };
    let bytes = read.map_err(|f| rejected(f, "", 0))?;
    let n = bytes.len() as u64;
    let decoded = match input::decode(&bytes, kind) {
        Ok(t) => t,
        Err(NotText::Ignored) => return Err(LintResult::default()),
        Err(NotText::Rejected(f)) => return Err(rejected(f, "", n)),
    };
    let text = &*decoded.text;
    let mut out = lint_text(display, text, &decoded.invalid, kind, part, set, cfg, opts);
    if part.reported {
        out.result.bytes = n;
        // Standard input cannot be read again for the cross-file findings' code frames.
        let later = matches!(job, Job::Stdin { .. }) && out.facts.is_some();
        if opts.keep_sources && (later || !out.result.diagnostics.is_empty()) {
            out.result
                .sources
                .insert(display.to_string(), Arc::from(text));
        }
    }
    Ok(out)
}

/// Lints one file's text (already read and size-checked; `invalid`: where invalid UTF-8 was).
#[allow(clippy::too_many_arguments)]
fn lint_text(
    display: &str,
    text: &str,
    invalid: &[usize],
    kind: FileKind,
    part: Part<'_>,
    set: &RuleSet<'_>,
    cfg: &Config,
    opts: &Options,
) -> FileOutput {
    let parsed = yaml::parse_decoded(text, &cfg.limits.yaml, invalid);
    let mut out = FileOutput {
        result: LintResult::default(),
        facts: None,
        reported: part.reported,
        linted: true,
    };
    if kind == FileKind::Json && parsed.docs.iter().any(|d| d.is_err()) {
        // Only JSON that claims to be a manifest is an error; tsconfig.json is not our business.
        if !input::claims_manifest(text.as_bytes()) {
            return out;
        }
    }
    let file = FileText::new(display, text);
    let extractor = part.index.filter(|_| !opts.parse_only).map(|ns| Extractor {
        file: Arc::from(display),
        text,
        lines: &file.lines,
        default_namespace: ns,
    });
    let mut check = Check {
        set,
        cfg,
        lines: &file.lines,
        reported: part.reported,
        extractor: extractor.as_ref(),
        findings: Vec::new(),
        facts: FileFacts::default(),
        objects: 0,
    };
    check.documents(&parsed, opts.parse_only);
    let mut sups = suppress::from_comments(text, &parsed.comments, &file.lines);
    let Check {
        mut findings,
        mut facts,
        objects,
        ..
    } = check;
    locate(&mut findings, &parsed);
    let held = !facts.objects.is_empty();
    if part.reported {
        out.result = LintResult {
            diagnostics: finish(&file, findings, &mut sups, set, cfg, held),
            files: 1,
            objects,
            ..LintResult::default()
        };
        let templates = parsed
            .docs
            .iter()
            .flatten()
            .filter_map(|d| d.helm_source.clone());
        out.result.judged.templates.extend(templates);
    }
    if let (true, Some(x)) = (held, &extractor) {
        x.hold(&mut sups);
        facts.comments = sups;
        out.facts = Some((x.file.clone(), facts));
    }
    out
}

/// Checking one file's objects: the local rules, their annotation suppressions and
/// `[[per-object]]` ignores, and the facts for the cross-file index.
struct Check<'a, 'c> {
    set: &'a RuleSet<'c>,
    cfg: &'a Config,
    lines: &'a LineIndex,
    reported: bool,
    extractor: Option<&'a Extractor<'a>>,
    findings: Vec<Finding>,
    facts: FileFacts,
    objects: usize,
}

impl Check<'_, '_> {
    /// Every document of the file: its parse error (AKS001), or its objects through the rules
    /// (not when only parsing) and a spent alias budget (AKS002); then the duplicate keys.
    fn documents(&mut self, parsed: &YamlFile<'_>, parse_only: bool) {
        for doc in &parsed.docs {
            let doc = match doc {
                Ok(d) => d,
                Err(e) => {
                    self.findings.push(linter::yaml_error(e));
                    continue;
                }
            };
            if parse_only {
                continue;
            }
            self.objects(doc);
            if doc.alias_budget_exhausted() {
                self.findings.push(linter::alias_budget_exhausted(
                    doc.root.map(|r| doc.span(r)),
                ));
            }
        }
        if !parse_only {
            self.findings.extend(duplicate_keys(parsed));
        }
    }

    fn objects(&mut self, doc: &Document<'_>) {
        let objects = k8s::objects(doc);
        for obj in &objects {
            let workload = Workload::of(obj);
            let mut own = if self.reported {
                self.set.check_object(obj, workload.as_ref())
            } else {
                Vec::new()
            };
            own.retain(|f| {
                !self
                    .cfg
                    .ignored_for_object(obj.kind, obj.namespace, obj.name, f.id())
            });
            let mut ann = suppress::from_annotations(obj, workload.as_ref().map(|w| &w.pod));
            if !ann.is_empty() {
                suppress::apply(&mut own, &mut ann, self.lines);
            }
            let source = doc.helm_source.as_deref();
            let facts = self
                .extractor
                .and_then(|x| x.object(obj, workload.as_ref(), source, Vec::new()));
            match facts {
                Some(mut facts) => {
                    // Cross-file findings about the object may still use its annotations.
                    own.extend(suppress::invalid(&ann));
                    if let Some(x) = self.extractor {
                        x.hold(&mut ann);
                    }
                    facts.suppressions = ann;
                    self.facts.objects.push(facts);
                }
                None => own.extend(suppress::problems(&ann, |id| self.set.enabled(id))),
            }
            let label = obj.display();
            if self.reported {
                self.findings
                    .extend(own.into_iter().map(|f| on_object(f, &label, doc)));
            }
        }
        if self.reported {
            self.objects += objects.len();
        }
    }
}

/// Names each finding's place in its document, as a key path (see [`yaml::path`]), while the
/// trees are alive: the locator of its fingerprint.
fn locate(findings: &mut [Finding], parsed: &YamlFile<'_>) {
    let docs: Vec<&Document<'_>> = parsed.docs.iter().flatten().collect();
    for f in findings.iter_mut().filter(|f| f.locator.is_none()) {
        let Some(at) = f.span.map(|s| s.start) else {
            continue;
        };
        // Documents are in the order of the text.
        let i = docs.partition_point(|d| d.span.end <= at);
        f.locator = docs
            .get(i)
            .filter(|d| d.span.start <= at)
            .and_then(|d| yaml::path::at(d, at))
            .filter(|p| !p.is_empty());
    }
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
