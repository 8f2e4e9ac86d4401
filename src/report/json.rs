//! The JSON contract, version 1:
//! `{"version": 1, "diagnostics": [{"rule", "name", "severity", "message", "file", "line",
//! "column", "end_line", "end_column", "object", "source", "help", "related", "locator",
//! "fingerprint"}], "summary": {"files", "objects", "by_severity"}}`. File-level findings have
//! line/column 0. `fingerprint` (32 hex digits) names the finding across edits (see
//! [`crate::fingerprint`]); `locator` is the key path in the object it is made of. Both were
//! added to version 1 (a reader of version 1 ignores keys it does not know).
//! Written straight from borrowed structs: no intermediate JSON tree.

use crate::diagnostic::LintResult;
use crate::diagnostic::{Diagnostic, Severity};
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};
use std::io::{self, Write};

#[derive(Serialize)]
struct Out<'a> {
    version: u32,
    #[serde(serialize_with = "diagnostics")]
    diagnostics: &'a [Diagnostic],
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    objects: usize,
    by_severity: BySeverity,
}

#[derive(Serialize)]
struct BySeverity {
    error: usize,
    warning: usize,
    note: usize,
}

#[derive(Serialize)]
struct Item<'a> {
    rule: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    object: Option<&'a str>,
    source: Option<&'a str>,
    help: Option<&'a str>,
    related: Vec<RelatedItem<'a>>,
    locator: Option<&'a str>,
    fingerprint: &'a str,
}

#[derive(Serialize)]
struct RelatedItem<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
}

fn diagnostics<S: Serializer>(diags: &&[Diagnostic], s: S) -> Result<S::Ok, S::Error> {
    let mut seq = s.serialize_seq(Some(diags.len()))?;
    for d in diags.iter() {
        seq.serialize_element(&Item {
            rule: d.rule,
            name: d.name,
            severity: d.severity.as_str(),
            message: &d.message,
            file: &d.file,
            line: d.start.line,
            column: d.start.column,
            end_line: d.end.line,
            end_column: d.end.column,
            object: d.object.as_deref(),
            source: d.source.as_deref(),
            help: d.help.as_deref(),
            related: d
                .related
                .iter()
                .map(|r| RelatedItem {
                    file: &r.file,
                    line: r.start.line,
                    column: r.start.column,
                    message: &r.message,
                })
                .collect(),
            locator: d.locator.as_deref(),
            fingerprint: &d.fingerprint,
        })?;
    }
    seq.end()
}

pub fn write(report: &LintResult, out: &mut dyn Write) -> io::Result<()> {
    let count = |s: Severity| report.count(s);
    let doc = Out {
        version: 1,
        diagnostics: &report.diagnostics,
        summary: Summary {
            files: report.files,
            objects: report.objects,
            by_severity: BySeverity {
                error: count(Severity::Error),
                warning: count(Severity::Warning),
                note: count(Severity::Note),
            },
        },
    };
    // serde_json writes a token at a time: into a buffer of a known type (inlined copies), not
    // through `dyn Write` for each (a third of a warm run's time on 100 MB of output).
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, &doc)?;
    writeln!(buffered)?;
    buffered.flush()
}
