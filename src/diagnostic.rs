//! What a rule reports, and its resolved position.

use crate::source::{Pos, Span};
use serde::Serialize;
use std::fmt;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary location ("first occurrence here").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Related {
    pub file: String,
    pub span: Option<Span>,
    pub start: Pos,
    pub end: Pos,
    pub message: String,
}

/// One finding, with positions already resolved (the file's text may be gone by output time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Display path (relative to the current directory, or absolute when given so).
    pub file: String,
    /// `None` for findings about the whole file (unreadable, binary, over the size cap).
    pub span: Option<Span>,
    /// 1-based; line 0 / column 0 for file-level findings.
    pub start: Pos,
    pub end: Pos,
    /// `Kind namespace/name`, or `None` when the finding is about the file.
    pub object: Option<String>,
    /// helm's `# Source:` template of the document.
    pub source: Option<String>,
    pub help: Option<String>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// The total order of the output: (file, line, column, rule, object, message), then the rest
    /// so that no two distinct diagnostics compare equal.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            &self.file,
            self.start,
            self.rule,
            &self.object,
            &self.message,
            self.end,
            &self.help,
            &self.related,
        )
    }
}

/// A finding as a rule reports it, before positions are resolved.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static str,
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
    pub object: Option<String>,
    pub source: Option<String>,
    /// Related locations in the same file.
    pub related: Vec<(Span, String)>,
    /// The file of the span when it is not the file being linted (Terraform modules span files).
    pub file: Option<std::sync::Arc<str>>,
}

impl Finding {
    pub fn new(rule: &'static str, span: Option<Span>, message: impl Into<String>) -> Self {
        Finding {
            rule,
            span,
            message: message.into(),
            help: None,
            object: None,
            source: None,
            related: Vec::new(),
            file: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push((span, message.into()));
        self
    }
}
