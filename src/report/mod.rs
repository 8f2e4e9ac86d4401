//! Output formats. Each writes the whole report; none prints timestamps or anything that
//! depends on the machine, so the same input gives the same bytes.

mod azure;
mod checkstyle;
mod compact;
mod frame;
mod github;
mod gitlab;
mod json;
mod junit;
mod sarif;
mod text;

use crate::config::Config;
use crate::diagnostic::{LintResult, Severity};
use std::borrow::Cow;
use std::collections::BTreeMap;
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
    /// JUnit XML: a test suite per file, a failing test case per finding at or above `--fail-on`.
    Junit,
    /// Checkstyle XML (reviewdog, Jenkins).
    Checkstyle,
    /// Azure Pipelines `##vso[task.logissue]` logging commands.
    Azure,
    /// GitLab Code Quality JSON (`artifacts:reports:codequality`), with each finding's fingerprint.
    Gitlab,
}

pub struct Style {
    pub color: bool,
    /// The terminal's width, to wrap the text format's notes (`None`: not a terminal, no wrap).
    pub width: Option<usize>,
    /// `--fail-on`: what the JUnit format counts as a failing test.
    pub fail_on: Option<Severity>,
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
        Format::Junit => junit::write(report, style, out),
        Format::Checkstyle => checkstyle::write(report, out),
        Format::Azure => azure::write(report, out),
        Format::Gitlab => gitlab::write(report, out),
    }
}

impl Format {
    /// Read by people (a summary line ends it; `--statistics` go to standard output), not by a
    /// parser.
    pub fn is_human(self) -> bool {
        matches!(self, Format::Text | Format::Compact)
    }
}

/// `3 errors, 12 warnings, 1 note in 40 files (118 objects)`.
pub fn summary_line(report: &LintResult) -> String {
    let n = |count: usize, one: &str| format!("{count} {one}{}", if count == 1 { "" } else { "s" });
    format!(
        "{}, {}, {} in {} ({})",
        n(report.count(Severity::Error), "error"),
        n(report.count(Severity::Warning), "warning"),
        n(report.count(Severity::Note), "note"),
        n(report.files, "file"),
        n(report.objects, "object")
    )
}

/// `--statistics`: findings per rule, most first (then by rule), with the rule's name.
pub fn statistics(report: &LintResult) -> String {
    let mut per: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for d in &report.diagnostics {
        per.entry(d.rule).or_insert((0, d.name)).0 += 1;
    }
    let mut rows: Vec<(&str, usize, &str)> =
        per.into_iter().map(|(r, (n, name))| (r, n, name)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let width = rows
        .iter()
        .map(|r| r.1.to_string().len())
        .max()
        .unwrap_or(1);
    rows.iter()
        .map(|(rule, n, name)| format!("{n:>width$}  {rule}  {name}\n"))
        .collect()
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
