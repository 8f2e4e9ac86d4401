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
    let columns = super::frame::columns(&files, ids.len());
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
        if let Some(width) = style.width {
            // codespan indents notes by `   = ` and continuation lines to match.
            let notes_width = width.saturating_sub(NOTE_INDENT).max(40);
            for n in &mut notes {
                *n = wrap(n, notes_width);
            }
        }
        let message = match style.width {
            Some(width) => wrap(&d.message, width.saturating_sub(d.rule.len() + 12).max(40)),
            None => d.message.clone(),
        };
        let mut frame = Frame::new(severity)
            .with_code(d.rule)
            .with_message(&message)
            .with_notes(notes);
        match (d.span, ids.get(d.file.as_str())) {
            (Some(span), Some(&id)) => {
                let mut labels = vec![Label::primary(id, span.range()).with_message(d.name)];
                for r in &d.related {
                    if let (Some(s), Some(&rid)) = (r.span, ids.get(r.file.as_str())) {
                        labels.push(Label::secondary(rid, s.range()).with_message(&r.message));
                    }
                }
                let (framed, labels) = Framed::new(&files, &columns, labels);
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
                frame.message = format!("{message} ({at})");
                term::emit(&mut buf, &config, &files, &frame).map_err(io::Error::other)?;
            }
        }
        out.write_all(buf.as_slice())?;
        buf.clear();
    }
    writeln!(out, "{}", super::summary_line(report))
}

/// How far codespan indents a note (`   = `).
const NOTE_INDENT: usize = 5;

/// Breaks `text` at spaces into lines of at most `width` characters (a longer word stays whole).
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut line = 0;
    for word in text.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn notes_wrap_at_spaces() {
        assert_eq!(
            wrap("help: add a default-deny policy", 12),
            "help: add a\ndefault-deny\npolicy"
        );
        assert_eq!(wrap("short", 40), "short");
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            "averyveryverylongword\nx"
        );
    }
}
