//! The JSON contract, version 1:
//! `{"version": 1, "diagnostics": [{"rule", "name", "severity", "message", "file", "line",
//! "column", "end_line", "end_column", "object", "source", "help", "related", "locator",
//! "fingerprint"}], "summary": {"files", "objects", "by_severity"}}`. File-level findings have
//! line/column 0. `fingerprint` (32 hex digits) names the finding across edits (see
//! [`crate::fingerprint`]); `locator` is the key path in the object it is made of. Both were
//! added to version 1 (a reader of version 1 ignores keys it does not know).
//!
//! Written straight from the diagnostics, in the layout `serde_json::to_writer_pretty` gives
//! (two-space indentation, `"key": value`, `[]` for an empty list), byte for byte: the tests
//! hold it to serde_json's output. By hand because serde_json escapes a string a byte at a time
//! and writes every key through the escaper too: on a run with 100,000 findings (100 MB of
//! JSON, mostly their help text) that was a quarter of a cached run's instructions, all of it
//! on one thread at the end. Here a string is checked 16 bytes at a time and copied whole when
//! nothing in it needs escaping (the usual case).

use crate::diagnostic::LintResult;
use crate::diagnostic::{Diagnostic, Severity};
use std::io::{self, Write};

/// A key as written: its indentation, the key quoted (plain ASCII) and `": "`.
macro_rules! key {
    ($indent:literal, $key:literal) => {
        concat!($indent, "\"", $key, "\": ")
    };
}

pub fn write(report: &LintResult, out: &mut dyn Write) -> io::Result<()> {
    let count = |s: Severity| report.count(s);
    // Into a buffer of a known type (inlined copies), not through `dyn Write` for each piece.
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    w.write_all(b"{\n  \"version\": 1,\n  \"diagnostics\": [")?;
    for (i, d) in report.diagnostics.iter().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        diagnostic(&mut w, d)?;
    }
    if !report.diagnostics.is_empty() {
        w.write_all(b"\n  ")?;
    }
    write!(
        w,
        "],\n  \"summary\": {{\n    \"files\": {},\n    \"objects\": {},\n    \"by_severity\": {{\n      \
         \"error\": {},\n      \"warning\": {},\n      \"note\": {}\n    }}\n  }}\n}}\n",
        report.files,
        report.objects,
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    )?;
    w.flush()
}

/// One element of `diagnostics`, at its indentation, without the separator after it.
fn diagnostic(w: &mut impl Write, d: &Diagnostic) -> io::Result<()> {
    w.write_all(b"    {\n")?;
    field(w, key!("      ", "rule"), Some(d.rule))?;
    field(w, key!("      ", "name"), Some(d.name))?;
    field(w, key!("      ", "severity"), Some(d.severity.as_str()))?;
    field(w, key!("      ", "message"), Some(&d.message))?;
    field(w, key!("      ", "file"), Some(&d.file))?;
    number(w, key!("      ", "line"), d.start.line)?;
    number(w, key!("      ", "column"), d.start.column)?;
    number(w, key!("      ", "end_line"), d.end.line)?;
    number(w, key!("      ", "end_column"), d.end.column)?;
    field(w, key!("      ", "object"), d.object.as_deref())?;
    field(w, key!("      ", "source"), d.source.as_deref())?;
    field(w, key!("      ", "help"), d.help.as_deref())?;
    w.write_all(b"      \"related\": [")?;
    for (i, r) in d.related.iter().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        w.write_all(b"        {\n")?;
        field(w, key!("          ", "file"), Some(&r.file))?;
        number(w, key!("          ", "line"), r.start.line)?;
        number(w, key!("          ", "column"), r.start.column)?;
        w.write_all(key!("          ", "message").as_bytes())?;
        string(w, &r.message)?;
        w.write_all(b"\n        }")?;
    }
    if !d.related.is_empty() {
        w.write_all(b"\n      ")?;
    }
    w.write_all(b"],\n")?;
    field(w, key!("      ", "locator"), d.locator.as_deref())?;
    w.write_all(key!("      ", "fingerprint").as_bytes())?;
    string(w, &d.fingerprint)?;
    w.write_all(b"\n    }")
}

/// `"key": value,` and a line break after `key` (the key at its indentation, see [`key!`]);
/// `null` for `None`.
fn field(w: &mut impl Write, key: &str, value: Option<&str>) -> io::Result<()> {
    w.write_all(key.as_bytes())?;
    match value {
        Some(v) => string(w, v)?,
        None => w.write_all(b"null")?,
    }
    w.write_all(b",\n")
}

/// `"key": number,` and a line break after `key` (see [`key!`]).
fn number(w: &mut impl Write, key: &str, n: u32) -> io::Result<()> {
    w.write_all(key.as_bytes())?;
    w.write_all(itoa::Buffer::new().format(n).as_bytes())?;
    w.write_all(b",\n")
}

/// Whether JSON needs `b` escaped: a control character, `"` or `\` (what serde_json escapes;
/// DEL and everything above ASCII go as they are).
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// A JSON string literal, escaped as serde_json escapes it.
fn string(w: &mut impl Write, s: &str) -> io::Result<()> {
    const CHUNK: usize = 16;
    let bytes = s.as_bytes();
    w.write_all(b"\"")?;
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        // A whole chunk at a time while none of it needs escaping (checked without branching
        // per byte, which the compiler turns into vector compares).
        if let Some(chunk) = bytes.get(i..i + CHUNK) {
            let chunk: &[u8; CHUNK] = chunk.try_into().expect("a chunk of CHUNK bytes");
            if !chunk.iter().fold(false, |any, &b| any | needs_escape(b)) {
                i += CHUNK;
                continue;
            }
        }
        let b = bytes[i];
        if needs_escape(b) {
            w.write_all(&bytes[start..i])?;
            escape(w, b)?;
            start = i + 1;
        }
        i += 1;
    }
    w.write_all(&bytes[start..])?;
    w.write_all(b"\"")
}

fn escape(w: &mut impl Write, b: u8) -> io::Result<()> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short: &[u8] = match b {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        0x08 => b"\\b",
        0x0c => b"\\f",
        b'\n' => b"\\n",
        b'\r' => b"\\r",
        b'\t' => b"\\t",
        _ => {
            let hex = [HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]];
            w.write_all(b"\\u00")?;
            return w.write_all(&hex);
        }
    };
    w.write_all(short)
}

#[cfg(test)]
mod tests {
    use super::{string, write};
    use crate::diagnostic::{Diagnostic, LintResult, Related, Severity};
    use crate::source::Pos;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, s).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut cases: Vec<String> = (0u8..=0x7f).map(|b| char::from(b).to_string()).collect();
        cases.extend(
            [
                "",
                "plain text longer than one chunk of sixteen bytes, twice over",
                "a \"quoted\" word, a back\\slash and a tab\there, then é, 世界 and 🦀",
                "sixteen bytes!!\"then a quote at the chunk's edge",
                "fifteen bytes!\n",
                "\u{1}\u{1f}\u{7f}\u{80}\u{2028}",
            ]
            .map(String::from),
        );
        // Every byte at every place around a chunk's edge.
        for at in 0..40 {
            for b in [0u8, b'\n', b'"', b'\\', 0x1f, 0x7f] {
                let mut s = "x".repeat(at);
                s.push(char::from(b));
                s.push_str(&"y".repeat(20));
                cases.push(s);
            }
        }
        for s in cases {
            assert_eq!(escaped(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
        }
    }

    /// The document as serde_json's pretty printer writes the same values.
    #[test]
    fn the_document_is_serde_jsons_pretty_layout() {
        let pos = |line, column| Pos { line, column };
        let base = Diagnostic {
            rule: "AKS401",
            name: "privileged-container",
            severity: Severity::Error,
            message: "container \"web\" runs privileged".into(),
            file: "k8s/a\\b.yaml".into(),
            span: None,
            start: pos(3, 5),
            end: pos(3, 21),
            object: Some("Deployment default/web".into()),
            source: None,
            help: Some("Set privileged: false.\nSee the doc.".into()),
            related: vec![],
            locator: None,
            fingerprint: "0123456789abcdef0123456789abcdef".into(),
            fingerprint_path: String::new(),
            fix: None,
        };
        let related = |line| Related {
            file: "k8s/policy.yaml".into(),
            span: None,
            start: pos(line, 1),
            end: pos(line, 7),
            message: "this policy \u{1}".into(),
        };
        let two = Diagnostic {
            related: vec![related(1), related(9)],
            source: Some("chart/templates/web.yaml".into()),
            locator: Some("spec.template".into()),
            ..base.clone()
        };
        for diagnostics in [vec![], vec![base.clone()], vec![base, two]] {
            let report = LintResult {
                diagnostics,
                files: 2,
                objects: 3,
                ..Default::default()
            };
            let mut ours = Vec::new();
            write(&report, &mut ours).unwrap();
            let expected = serde_json::json!({
                "version": 1,
                "diagnostics": report.diagnostics.iter().map(|d| serde_json::json!({
                    "rule": d.rule, "name": d.name, "severity": d.severity.as_str(),
                    "message": d.message, "file": d.file,
                    "line": d.start.line, "column": d.start.column,
                    "end_line": d.end.line, "end_column": d.end.column,
                    "object": d.object, "source": d.source, "help": d.help,
                    "related": d.related.iter().map(|r| serde_json::json!({
                        "file": r.file, "line": r.start.line, "column": r.start.column,
                        "message": r.message,
                    })).collect::<Vec<_>>(),
                    "locator": d.locator, "fingerprint": d.fingerprint,
                })).collect::<Vec<_>>(),
                "summary": {
                    "files": 2, "objects": 3,
                    "by_severity": {"error": report.count(Severity::Error), "warning": 0, "note": 0},
                },
            });
            let mut theirs = serde_json::to_string_pretty(&expected).unwrap();
            theirs.push('\n');
            assert_eq!(String::from_utf8(ours).unwrap(), theirs);
        }
    }
}
