//! The blobs of an entry: a file's facts for the cross-file index, and the findings of a
//! reported file with what it counted, each encoded on its own with postcard. The file's name is
//! not stored in them (every finding and anchor of a file is in that file): it is the entry's
//! key, named again when a blob is decoded.

use crate::diagnostic::{Diagnostic, Judged, LintResult, Related, Severity};
use crate::index::FileFacts;
use crate::meta::RuleMeta;
use crate::source::{Pos, Span};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The rules by ID, to give decoded findings their rule's ID and name.
pub(super) struct Rules(BTreeMap<&'static str, &'static RuleMeta>);

impl Rules {
    pub fn new() -> Rules {
        Rules(
            crate::rules::all()
                .iter()
                .map(|r| (r.meta().id, r.meta()))
                .collect(),
        )
    }
}

pub(super) fn encode_facts(facts: &FileFacts) -> Option<Vec<u8>> {
    postcard::to_allocvec(facts).ok()
}

/// A file's facts, every anchor in `file`; `None` when the bytes are no facts.
pub(super) fn decode_facts(bytes: &[u8], file: &Arc<str>) -> Option<FileFacts> {
    let mut facts: FileFacts = whole(bytes)?;
    facts.set_file(file);
    Some(facts)
}

/// What a reported file gave the run, but its text.
#[derive(Serialize, Deserialize)]
struct Report<'a> {
    /// The objects, helm templates and help texts the findings name, each once (a file's
    /// findings repeat them: stored each time, they were half of a report's bytes).
    texts: Vec<Cow<'a, str>>,
    diagnostics: Vec<StoredDiagnostic<'a>>,
    files: u64,
    objects: u64,
    bytes: u64,
    /// The helm templates of its documents (what a baseline's stale entries are judged by).
    templates: Vec<Cow<'a, str>>,
}

/// A [`Diagnostic`] without its file; its rule by ID.
#[derive(Serialize, Deserialize)]
struct StoredDiagnostic<'a> {
    rule: Cow<'a, str>,
    severity: Severity,
    message: Cow<'a, str>,
    span: Option<Span>,
    start: Pos,
    end: Pos,
    /// These three by their place in [`Report::texts`].
    object: Option<u32>,
    source: Option<u32>,
    help: Option<u32>,
    related: Vec<StoredRelated<'a>>,
    /// The key path (the fingerprint is computed again from it: it names the project's path).
    locator: Option<Cow<'a, str>>,
}

#[derive(Serialize, Deserialize)]
struct StoredRelated<'a> {
    span: Option<Span>,
    start: Pos,
    end: Pos,
    message: Cow<'a, str>,
}

/// A reported file's result (its sources aside), when every finding and related location is in
/// `file` (else it is not for the cache: `None`).
pub(super) fn encode_report(result: &LintResult, file: &str) -> Option<Vec<u8>> {
    let mut diagnostics = Vec::with_capacity(result.diagnostics.len());
    let mut texts = Texts::default();
    for d in &result.diagnostics {
        if d.file != file || d.related.iter().any(|r| r.file != file) {
            return None;
        }
        diagnostics.push(StoredDiagnostic {
            rule: Cow::Borrowed(d.rule),
            severity: d.severity,
            message: Cow::Borrowed(&d.message),
            span: d.span,
            start: d.start,
            end: d.end,
            object: texts.place(d.object.as_deref())?,
            source: texts.place(d.source.as_deref())?,
            help: texts.place(d.help.as_deref())?,
            related: d
                .related
                .iter()
                .map(|r| StoredRelated {
                    span: r.span,
                    start: r.start,
                    end: r.end,
                    message: Cow::Borrowed(&r.message),
                })
                .collect(),
            locator: d.locator.as_deref().map(Cow::Borrowed),
        });
    }
    let report = Report {
        texts: texts.all.into_iter().map(Cow::Borrowed).collect(),
        diagnostics,
        files: result.files as u64,
        objects: result.objects as u64,
        bytes: result.bytes,
        templates: result
            .judged
            .templates
            .iter()
            .map(|t| Cow::Borrowed(t.as_str()))
            .collect(),
    };
    postcard::to_allocvec(&report).ok()
}

/// A report's table of texts as it is written: each text once, in the order first named.
#[derive(Default)]
struct Texts<'a> {
    all: Vec<&'a str>,
    places: std::collections::HashMap<&'a str, u32>,
}

impl<'a> Texts<'a> {
    /// The place of `text` in the table (added when new); `None` (no report) past `u32::MAX`.
    fn place(&mut self, text: Option<&'a str>) -> Option<Option<u32>> {
        let Some(text) = text else {
            return Some(None);
        };
        if let Some(&i) = self.places.get(text) {
            return Some(Some(i));
        }
        let i = u32::try_from(self.all.len()).ok()?;
        self.all.push(text);
        self.places.insert(text, i);
        Some(Some(i))
    }
}

/// A reported file's result, its findings in `file`; `None` when the bytes are no report or
/// name a rule this build does not have.
pub(super) fn decode_report(bytes: &[u8], file: &str, rules: &Rules) -> Option<LintResult> {
    let report: Report<'_> = whole(bytes)?;
    let mut judged = Box::<Judged>::default();
    judged
        .templates
        .extend(report.templates.into_iter().map(Cow::into_owned));
    let mut diagnostics = Vec::with_capacity(report.diagnostics.len());
    // A text by its place; a place outside the table is no report.
    let text = |i: Option<u32>| -> Option<Option<String>> {
        match i {
            None => Some(None),
            Some(i) => Some(Some(
                report.texts.get(usize::try_from(i).ok()?)?.to_string(),
            )),
        }
    };
    for d in report.diagnostics {
        let rule = rules.0.get(&*d.rule)?;
        diagnostics.push(Diagnostic {
            rule: rule.id,
            name: rule.name,
            severity: d.severity,
            message: d.message.into_owned(),
            file: file.to_string(),
            span: d.span,
            start: d.start,
            end: d.end,
            object: text(d.object)?,
            source: text(d.source)?,
            help: text(d.help)?,
            related: d
                .related
                .into_iter()
                .map(|r| Related {
                    file: file.to_string(),
                    span: r.span,
                    start: r.start,
                    end: r.end,
                    message: r.message.into_owned(),
                })
                .collect(),
            locator: d.locator.map(Cow::into_owned),
            fingerprint: String::new(),
            fingerprint_path: String::new(),
            fix: None,
        });
    }
    Some(LintResult {
        diagnostics,
        files: usize::try_from(report.files).ok()?,
        objects: usize::try_from(report.objects).ok()?,
        bytes: report.bytes,
        judged,
        ..LintResult::default()
    })
}

/// The value that `bytes` encode, and nothing more.
fn whole<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Option<T> {
    match postcard::take_from_bytes(bytes) {
        Ok((value, [])) => Some(value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::discover::{self, FileKind};
    use crate::engine::dispatch::RuleSet;
    use crate::engine::yaml::{self, Part};
    use crate::engine::{Job, Options, input};
    use std::path::Path;

    /// Every YAML/JSON file of `testdata/`, linted as a reported file with an index: its facts
    /// and findings come back from their blobs as they went in, whatever kinds of facts (every
    /// anchor named again), suppressions and findings the fixtures hold.
    #[test]
    fn what_a_file_gives_survives_its_blobs() {
        let cfg = Config::default_at(Path::new(""));
        let set = RuleSet::new(&cfg, false);
        let opts = Options::default();
        let rules = Rules::new();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
        let one = crate::configs::Configs::one(&cfg);
        let found = discover::discover(&[root], &one, false, 0).unwrap();
        let (mut facts_seen, mut findings_seen) = (0, 0);
        for f in found.files.iter().filter(|f| f.kind != FileKind::Terraform) {
            let job = Job::File(f.clone());
            let part = Part {
                reported: true,
                index: Some("default"),
            };
            let read = input::read(&job, cfg.limits.file_size);
            let out = yaml::lint_read(&job, read, part, &set, &cfg, &opts);
            if !out.linted {
                continue;
            }
            let report = encode_report(&out.result, &f.display).unwrap();
            let back = decode_report(&report, &f.display, &rules).unwrap();
            assert_eq!(back.diagnostics, out.result.diagnostics, "{}", f.display);
            assert_eq!(
                (back.files, back.objects, back.bytes),
                (out.result.files, out.result.objects, out.result.bytes)
            );
            assert_eq!(back.judged.templates, out.result.judged.templates);
            findings_seen += back.diagnostics.len();
            if let Some((name, facts)) = &out.facts {
                let blob = encode_facts(facts).unwrap();
                let back = decode_facts(&blob, name).unwrap();
                assert_eq!(format!("{back:?}"), format!("{facts:?}"), "{}", f.display);
                facts_seen += facts.objects.len();
            }
        }
        assert!(
            facts_seen > 100 && findings_seen > 500,
            "{facts_seen} {findings_seen}"
        );
    }

    /// A blob that is not what it claims is no entry, never a panic.
    #[test]
    fn blobs_that_do_not_decode_are_refused() {
        let rules = Rules::new();
        let name: Arc<str> = Arc::from("a.yaml");
        for bytes in [
            &b""[..],
            b"\x01",
            b"\xff\xff\xff\xff\xff\xff",
            b"garbage garbage",
        ] {
            assert!(decode_facts(bytes, &name).is_none());
            assert!(decode_report(bytes, "a.yaml", &rules).is_none());
        }
        // A finding of a rule this build does not have.
        let mut result = LintResult::default();
        result.diagnostics.push(Diagnostic {
            rule: "AKS999",
            name: "no-such-rule",
            severity: Severity::Note,
            message: String::new(),
            file: "a.yaml".into(),
            span: None,
            start: Default::default(),
            end: Default::default(),
            object: None,
            source: None,
            help: None,
            related: Vec::new(),
            locator: None,
            fingerprint: String::new(),
            fingerprint_path: String::new(),
            fix: None,
        });
        let blob = encode_report(&result, "a.yaml").unwrap();
        assert!(decode_report(&blob, "a.yaml", &rules).is_none());
        // Findings in another file are not for the entry of this one.
        assert!(encode_report(&result, "b.yaml").is_none());
        // A text named by a place its table does not have.
        result.diagnostics[0].rule = "AKS401";
        result.diagnostics[0].help = Some("help".into());
        let blob = encode_report(&result, "a.yaml").unwrap();
        assert!(decode_report(&blob, "a.yaml", &rules).is_some());
        let mut report: Report<'_> = whole(&blob).unwrap();
        report.texts.clear();
        let blob = postcard::to_allocvec(&report).unwrap();
        assert!(decode_report(&blob, "a.yaml", &rules).is_none());
    }
}
