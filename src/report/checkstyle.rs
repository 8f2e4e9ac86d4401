//! Checkstyle XML (what reviewdog, Jenkins' Warnings plugin and many CI servers read): a `<file>`
//! per file in output order, an `<error>` per finding with the rule as `source`
//! (`akslint.AKS401`). Checkstyle's severities are `error`, `warning`, `info`: a note is `info`.

use crate::diagnostic::{LintResult, Severity};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};
use std::io::{self, Write};

pub fn write(report: &LintResult, out: &mut dyn Write) -> io::Result<()> {
    let mut w = Writer::new_with_indent(&mut *out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(
        BytesStart::new("checkstyle").with_attributes([("version", "4.3")]),
    ))?;
    let mut current: Option<&str> = None;
    for d in &report.diagnostics {
        if current != Some(d.file.as_str()) {
            if current.is_some() {
                w.write_event(Event::End(BytesEnd::new("file")))?;
            }
            let name = super::plain_name(&d.file);
            w.write_event(Event::Start(
                BytesStart::new("file").with_attributes([("name", name.as_ref())]),
            ))?;
            current = Some(d.file.as_str());
        }
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "info",
        };
        let mut message = d.message.clone();
        if let Some(o) = &d.object {
            message.push_str(&format!(" ({o})"));
        }
        let (line, column) = (d.start.line.to_string(), d.start.column.to_string());
        let source = format!("akslint.{}", d.rule);
        let mut e = BytesStart::new("error");
        if d.start.line > 0 {
            e.push_attribute(("line", line.as_str()));
            e.push_attribute(("column", column.as_str()));
        }
        e.push_attribute(("severity", severity));
        e.push_attribute(("message", message.as_str()));
        e.push_attribute(("source", source.as_str()));
        w.write_event(Event::Empty(e))?;
    }
    if current.is_some() {
        w.write_event(Event::End(BytesEnd::new("file")))?;
    }
    w.write_event(Event::End(BytesEnd::new("checkstyle")))?;
    writeln!(out)
}
