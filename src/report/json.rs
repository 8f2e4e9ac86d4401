//! The JSON contract, version 1:
//! `{"version": 1, "diagnostics": [{"rule", "name", "severity", "message", "file", "line",
//! "column", "end_line", "end_column", "object", "source", "help", "related"}], "summary":
//! {"files", "objects", "by_severity"}}`. File-level findings have line/column 0.

use crate::engine::Report;
use serde_json::{Value, json};
use std::io::{self, Write};

pub fn to_value(report: &Report) -> Value {
    let diagnostics: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "rule": d.rule,
                "name": d.name,
                "severity": d.severity.as_str(),
                "message": d.message,
                "file": d.file,
                "line": d.start.line,
                "column": d.start.column,
                "end_line": d.end.line,
                "end_column": d.end.column,
                "object": d.object,
                "source": d.source,
                "help": d.help,
                "related": d.related.iter().map(|r| json!({
                    "file": r.file, "line": r.start.line, "column": r.start.column, "message": r.message,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let count = |s: &str| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity.as_str() == s)
            .count()
    };
    json!({
        "version": 1,
        "diagnostics": diagnostics,
        "summary": {
            "files": report.files,
            "objects": report.objects,
            "by_severity": {"error": count("error"), "warning": count("warning"), "note": count("note")},
        },
    })
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_value(report))?;
    writeln!(out)
}
