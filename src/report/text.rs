//! Human output: a code frame per finding (codespan-reporting is used here only), no wider than
//! a window around the finding on long lines ([`super::frame`]), written one finding at a time.

use super::frame::{Framed, Sources};
use crate::diagnostic::LintResult;
use crate::diagnostic::Severity;
use codespan_reporting::diagnostic::{Diagnostic as Frame, Label, Severity as FrameSeverity};
use codespan_reporting::term::{self, termcolor};
use std::collections::BTreeMap;
use std::io::{self, Write};

pub fn write(report: &LintResult, style: &super::Style, out: &mut dyn Write) -> io::Result<()> {
    let mut files = Sources::new();
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, text) in &report.sources {
        let shown = super::plain_name(name).into_owned();
        ids.insert(name.as_str(), files.add(shown, text.clone()));
    }
    let config = term::Config::default();
    let mut buf = if style.color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    for d in &report.diagnostics {
        let severity = match d.severity {
            Severity::Error => FrameSeverity::Error,
            Severity::Warning => FrameSeverity::Warning,
            Severity::Note => FrameSeverity::Note,
        };
        let mut notes = Vec::new();
        if let Some(o) = &d.object {
            notes.push(format!("object: {o}"));
        }
        if let Some(s) = &d.source {
            notes.push(format!("helm source: {s}"));
        }
        if let Some(h) = &d.help {
            notes.push(format!("help: {h}"));
        }
        notes.push(format!("see: akslint explain {}", d.rule));
        let mut frame = Frame::new(severity)
            .with_code(d.rule)
            .with_message(&d.message)
            .with_notes(notes);
        match (d.span, ids.get(d.file.as_str())) {
            (Some(span), Some(&id)) => {
                let mut labels = vec![Label::primary(id, span.range()).with_message(d.name)];
                for r in &d.related {
                    if let (Some(s), Some(&rid)) = (r.span, ids.get(r.file.as_str())) {
                        labels.push(Label::secondary(rid, s.range()).with_message(&r.message));
                    }
                }
                let (framed, labels) = Framed::new(&files, labels);
                frame = frame.with_labels(labels);
                term::emit(&mut buf, &config, &framed, &frame).map_err(io::Error::other)?;
            }
            _ => {
                let file = super::plain_name(&d.file);
                let at = if d.start.line > 0 {
                    format!("{file}:{}:{}", d.start.line, d.start.column)
                } else {
                    file.into_owned()
                };
                frame.message = format!("{} ({at})", d.message);
                term::emit(&mut buf, &config, &files, &frame).map_err(io::Error::other)?;
            }
        }
        out.write_all(buf.as_slice())?;
        buf.clear();
    }
    let count = |s: Severity| report.count(s);
    writeln!(
        out,
        "{} error(s), {} warning(s), {} note(s) in {} file(s), {} object(s)",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
        report.files,
        report.objects
    )
}
