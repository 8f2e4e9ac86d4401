//! Output formats. Each writes the whole report; none prints timestamps or anything that
//! depends on the machine, so the same input gives the same bytes.

mod compact;
mod frame;
mod github;
mod json;
mod sarif;
mod text;

use crate::config::Config;
use crate::diagnostic::LintResult;
use std::borrow::Cow;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Code frames with the key underlined, the message, `help:` and the helm source.
    Text,
    /// `file:line:col: severity AKSnnn message`, one line each.
    Compact,
    /// The documented JSON contract (version 1).
    Json,
    /// SARIF 2.1.0 for GitHub code scanning and other viewers.
    Sarif,
    /// GitHub Actions workflow-command annotations.
    Github,
}

pub struct Style {
    pub color: bool,
}

pub fn write(
    format: Format,
    report: &LintResult,
    cfg: &Config,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => text::write(report, style, out),
        Format::Compact => compact::write(report, out),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, cfg, out),
        Format::Github => github::write(report, out),
    }
}

/// A file name for the line-oriented formats (text, compact, github): control characters
/// escaped (`\t`, `\x1B`), since a raw escape sequence drives the terminal and a raw line break
/// ends a GitHub annotation. JSON and SARIF encode them themselves.
pub(crate) fn plain_name(name: &str) -> Cow<'_, str> {
    if !name.chars().any(char::is_control) {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() && (c as u32) < 0x80 => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            c if c.is_control() => out.push_str(&format!("\\u{{{:04X}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::plain_name;

    #[test]
    fn control_characters_in_names_are_escaped() {
        assert_eq!(plain_name("k8s/pod.yaml"), "k8s/pod.yaml");
        assert_eq!(
            plain_name("a\tb\nc\r\u{1b}[31m\u{7f}\u{85}é.yaml"),
            "a\\tb\\nc\\r\\x1B[31m\\x7F\\u{0085}é.yaml"
        );
    }
}
