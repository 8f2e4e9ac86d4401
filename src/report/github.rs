//! GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.

use crate::diagnostic::LintResult;
use crate::diagnostic::Severity;
use std::io::{self, Write};

pub fn write(report: &LintResult, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut props = format!("file={}", escape_property(&super::plain_name(&d.file)));
        if d.start.line > 0 {
            props.push_str(&format!(",line={},col={}", d.start.line, d.start.column));
            if d.end.line > 0 {
                props.push_str(&format!(
                    ",endLine={},endColumn={}",
                    d.end.line, d.end.column
                ));
            }
        }
        props.push_str(&format!(
            ",title={}",
            escape_property(&format!("{} {}", d.rule, d.name))
        ));
        let mut msg = d.message.clone();
        if let Some(o) = &d.object {
            msg.push_str(&format!(" ({o})"));
        }
        if let Some(h) = &d.help {
            msg.push_str(&format!("\nhelp: {h}"));
        }
        if let Some(s) = &d.source {
            msg.push_str(&format!("\nhelm source: {s}"));
        }
        writeln!(out, "::{level} {props}::{}", escape_data(&msg))?;
    }
    writeln!(out, "{}", super::summary_line(report))
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
