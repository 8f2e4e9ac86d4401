//! SARIF 2.1.0: rules with descriptions and help from `rules/`, physical regions (columns in
//! Unicode code points), logical locations naming the object. File-level findings carry no region.

use crate::config::Config;
use crate::diagnostic::LintResult;
use crate::rules;
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
            "properties": {"tags": ["security", m.layer], "layer": m.layer},
        });
        if let Some(base) = &cfg.file.docs_url {
            d["helpUri"] = json!(format!("{}{}.md", base, m.id));
        }
        index.insert(m.id, out.len());
        out.push(d);
    }
    (out, index)
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

pub fn write(report: &LintResult, cfg: &Config, out: &mut dyn Write) -> io::Result<()> {
    let (rules, index) = descriptors(cfg);
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
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
                                p["region"] = json!({"startLine": rel.start.line, "startColumn": rel.start.column});
                            }
                            json!({"id": i + 1, "physicalLocation": p, "message": {"text": rel.message}})
                        })
                        .collect(),
                );
            }
            r
        })
        .collect();
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "akslint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
