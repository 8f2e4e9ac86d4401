//! SARIF 2.1.0: rules with descriptions and help from `rules/`, physical regions (columns in
//! Unicode code points), logical locations naming the object, `partialFingerprints`
//! (`akslint/v1`: the finding's fingerprint). File-level findings carry no region.
//! Streamed, as JSON is: a result is built, written and dropped before the next.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, LintResult, Severity};
use crate::rules;
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{self, Write};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Percent-encodes a relative path for `artifactLocation.uri`. A `\` is a character of the name
/// (`%5C`), not a separator: paths come from a Unix file system.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if path.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

fn descriptors(cfg: &Config) -> (Vec<Value>, BTreeMap<&'static str, usize>) {
    let mut out = Vec::new();
    let mut index = BTreeMap::new();
    for r in rules::all() {
        let m = r.meta();
        let mut d = json!({
            "id": m.id,
            "name": kebab_to_pascal(m.name),
            "shortDescription": {"text": m.summary},
            "fullDescription": {"text": m.section("Why").unwrap_or(m.summary)},
            "help": {"text": m.fix(), "markdown": m.body.trim()},
            "defaultConfiguration": {"level": m.severity.as_str()},
            // GitHub code scanning ranks security alerts by this: high, medium, low.
            "properties": {
                "tags": ["security", m.layer],
                "layer": m.layer,
                "security-severity": security_severity(m.severity),
            },
        });
        if let Some(base) = &cfg.file.docs_url {
            d["helpUri"] = json!(format!("{}{}.md", base, m.id));
        }
        index.insert(m.id, out.len());
        out.push(d);
    }
    (out, index)
}
/// GitHub's `security-severity` for a rule's default severity: error 8.0 (high), warning 5.0
/// (medium), note 2.0 (low).
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "8.0",
        Severity::Warning => "5.0",
        Severity::Note => "2.0",
    }
}

/// SARIF recommends PascalCase rule names (SARIF2012).
fn kebab_to_pascal(s: &str) -> String {
    s.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The document, written as it is serialized: the results are produced one at a time from the
/// diagnostics (see [`Results`]), never held together.
#[derive(Serialize)]
struct Document<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
struct Run<'a> {
    tool: Value,
    #[serde(rename = "columnKind")]
    column_kind: &'static str,
    results: Results<'a>,
}

/// The results, built one by one while they are written.
struct Results<'a> {
    diagnostics: &'a [Diagnostic],
    index: &'a BTreeMap<&'static str, usize>,
}

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.diagnostics.len()))?;
        for d in self.diagnostics {
            let r = result(d, self.index);
            built(1);
            seq.serialize_element(&r)?;
            built(-1);
        }
        seq.end()
    }
}

/// One diagnostic as a SARIF result.
fn result(d: &Diagnostic, index: &BTreeMap<&'static str, usize>) -> Value {
    let mut physical = json!({"artifactLocation": {"uri": uri(&d.file)}});
    if d.start.line > 0 {
        physical["region"] = json!({
            "startLine": d.start.line,
            "startColumn": d.start.column,
            "endLine": d.end.line.max(d.start.line),
            "endColumn": if d.end.line > 0 { d.end.column } else { d.start.column },
        });
    }
    let mut location = json!({"physicalLocation": physical});
    if let Some(o) = &d.object {
        location["logicalLocations"] = json!([{"fullyQualifiedName": o, "kind": "resource"}]);
    }
    let mut text = d.message.clone();
    if let Some(o) = &d.object {
        text.push_str(&format!(" ({o})"));
    }
    if let Some(h) = &d.help {
        text.push_str(&format!(". Fix: {h}"));
    }
    let mut r = json!({
        "ruleId": d.rule,
        "level": d.severity.as_str(),
        "message": {"text": text},
        "locations": [location],
    });
    if let Some(&i) = index.get(d.rule) {
        r["ruleIndex"] = json!(i);
    }
    if !d.fingerprint.is_empty() {
        // GitHub code scanning matches alerts across runs by it.
        r["partialFingerprints"] = json!({"akslint/v1": d.fingerprint});
    }
    if let Some(s) = &d.source {
        r["properties"] = json!({"helmSource": s});
    }
    if !d.related.is_empty() {
        r["relatedLocations"] = Value::Array(
            d.related
                .iter()
                .enumerate()
                .map(|(i, rel)| {
                    let mut p = json!({"artifactLocation": {"uri": uri(&rel.file)}});
                    if rel.start.line > 0 {
                        p["region"] =
                            json!({"startLine": rel.start.line, "startColumn": rel.start.column});
                    }
                    json!({"id": i + 1, "physicalLocation": p, "message": {"text": rel.message}})
                })
                .collect(),
        );
    }
    r
}

pub fn write(report: &LintResult, cfg: &Config, out: &mut dyn Write) -> io::Result<()> {
    let (rules, index) = descriptors(cfg);
    let doc = Document {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: json!({"driver": {
                "name": "akslint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }}),
            column_kind: "unicodeCodePoints",
            results: Results {
                diagnostics: &report.diagnostics,
                index: &index,
            },
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

#[cfg(test)]
thread_local! {
    /// Results built and not yet written, and the most there were at once.
    static HELD: std::cell::Cell<(i64, i64)> = const { std::cell::Cell::new((0, 0)) };
}

/// Counts results built (`+`) and written (`-`), in tests.
fn built(_n: i64) {
    #[cfg(test)]
    HELD.with(|h| {
        let (now, most) = h.get();
        h.set((now + _n, most.max(now + _n)));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::source::Pos;

    /// SARIF is streamed, as JSON is: each result is built, written and dropped before the
    /// next, so memory holds one result, not a second copy of the whole report (50,000 findings
    /// took 8× the memory of JSON).
    #[test]
    fn results_are_streamed() {
        let d = Diagnostic {
            rule: "AKS401",
            name: "privileged-container",
            severity: crate::diagnostic::Severity::Error,
            message: "container `a` runs privileged".into(),
            file: "k8s/pod.yaml".into(),
            span: None,
            start: Pos { line: 9, column: 9 },
            end: Pos {
                line: 9,
                column: 19,
            },
            object: Some("Pod default/p".into()),
            source: None,
            help: Some("remove it".into()),
            related: Vec::new(),
            locator: None,
            fingerprint: "0123456789abcdef0123456789abcdef".into(),
            fingerprint_path: "k8s/pod.yaml".into(),
            fix: None,
        };
        let report = LintResult {
            diagnostics: vec![d; 1_000],
            ..LintResult::default()
        };
        let cfg = Config::default_at(std::path::Path::new(""));
        HELD.with(|h| h.set((0, 0)));
        let mut out = Vec::new();
        write(&report, &cfg, &mut out).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 1_000);
        assert_eq!(
            HELD.with(|h| h.get()),
            (0, 1),
            "(held now, most held at once)"
        );
    }
}
