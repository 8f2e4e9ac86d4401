//! Output formats. Each writes the whole report; none prints timestamps or anything that
//! depends on the machine, so the same input gives the same bytes.

mod compact;
mod github;
mod json;
mod sarif;
mod text;

use crate::config::Config;
use crate::diagnostic::LintResult;
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
