//! Fixes: text edits that make a finding go away, shared by `check --fix`/`--diff` and the
//! language server's code actions, as ruff has them: each [`Fix`] is byte-range [`Edit`]s with an
//! [`Applicability`] and a title.
//!
//! Fixes are worked out from a file's text and its diagnostics after the lint ([`attach`]), not by
//! the rules while they run: the cache keeps a file's findings without its tree, and the
//! cross-file rules (AKS411, the held AKS003) report after every tree is gone, so the one place
//! that has both the text and every finding is the end of the run. Each fixer parses the text
//! again and finds its node from the finding's span.
//!
//! Only block-style YAML files (`.yaml`, `.yml`) get fixes for now: none in a document with
//! aliases or merge keys, in a file of rendered Helm output (`# Source:`), in JSON or in
//! Terraform; none where the mapping to edit is written in flow style.
//!
//! | part | module |
//! |---|---|
//! | editing block YAML: set or insert a key, append an item, remove an entry's lines | [`yaml_edit`] |
//! | the safe fixes: AKS003 (unused suppression), AKS004 (overridden duplicate key) | [`cleanup`] |
//! | the unsafe fixes: the pod and container hardening settings | [`harden`] |
//! | applying fixes to a text (non-overlapping, in a fixed order) | [`mod@apply`] |
//! | `akslint-ignore` comments (`--add-ignore`, the editor's "suppress") | [`ignore`] |
//! | the `--fix` loop and `--diff` | [`run`], [`diff`] |

mod apply;
mod cleanup;
mod diff;
mod harden;
pub mod ignore;
mod run;
mod yaml_edit;

pub use apply::{Applied, apply};
pub use diff::unified;
pub use run::{FileFix, fix_files};

use crate::diagnostic::Diagnostic;
use crate::source::{LineIndex, Span};
use crate::yaml::{self, Document, NodeKind, YamlLimits};

/// Whether applying a fix keeps what the cluster runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Cannot change what is deployed (removing a suppression that suppresses nothing, an
    /// overridden duplicate key): `--fix` applies it.
    Safe,
    /// Hardens the workload and can break it (a read-only root filesystem breaks an app that
    /// writes to `/tmp`): only with `--unsafe-fixes`.
    Unsafe,
}

/// Replace the bytes of `span` with `text` (an empty span inserts).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

impl Edit {
    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit {
            span: Span::new(at, at),
            text: text.into(),
        }
    }

    pub fn replace(start: usize, end: usize, text: impl Into<String>) -> Edit {
        Edit {
            span: Span::new(start, end),
            text: text.into(),
        }
    }

    pub fn delete(start: usize, end: usize) -> Edit {
        Edit::replace(start, end, "")
    }
}

/// The edits that make one finding go away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What it does, for people: "Set `readOnlyRootFilesystem: true` on container `web`".
    pub title: String,
    pub applicability: Applicability,
    /// Non-overlapping, sorted by position.
    pub edits: Vec<Edit>,
}

impl Fix {
    fn new(title: impl Into<String>, applicability: Applicability, mut edits: Vec<Edit>) -> Fix {
        edits.sort();
        Fix {
            title: title.into(),
            applicability,
            edits,
        }
    }
}

/// Whether fixes are offered for a file of this name: block-style YAML only, for now.
pub fn fixable_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".yaml") || lower.ends_with(".yml")
}

/// Attaches a fix to each diagnostic of the file `name` (whose text is `text`) that has one.
/// Diagnostics of other files are left alone.
pub fn attach(name: &str, text: &str, diags: &mut [Diagnostic]) {
    if !fixable_file(name) || !diags.iter().any(|d| d.file == name) || has_lone_cr(text) {
        return;
    }
    let file = yaml::parse_file(text, &YamlLimits::default());
    // Rendered Helm output: the fix belongs in the chart's template, not in the stream.
    let docs: Vec<&Document<'_>> = file.docs.iter().flatten().collect();
    if docs.iter().any(|d| d.helm_source.is_some()) {
        return;
    }
    let lines = LineIndex::new(text);
    // Each document's editor, made when a finding first needs it (`None`: not to be edited).
    let mut editors: Vec<Option<Option<yaml_edit::Editor<'_, '_>>>> =
        (0..docs.len()).map(|_| None).collect();
    for d in diags.iter_mut().filter(|d| d.file == name) {
        d.fix = None;
        let Some(offset) = offset_of(text, &lines, d) else {
            continue;
        };
        if d.rule == "AKS003" {
            d.fix = cleanup::unused_suppression(text, &lines, d);
            continue;
        }
        let Some(i) = docs
            .iter()
            .position(|doc| doc.span.start <= offset && offset < doc.span.end)
        else {
            continue;
        };
        let ed = editors[i].get_or_insert_with(|| {
            plain(docs[i]).then(|| yaml_edit::Editor::new(text, docs[i], &lines))
        });
        d.fix = ed.as_ref().and_then(|ed| match d.rule {
            "AKS004" => cleanup::duplicate_key(ed, d),
            rule => harden::fix(rule, ed, offset),
        });
    }
}

/// Where a diagnostic starts, as a byte offset: its span, else its line and column (the
/// findings of cross-file rules may come with positions only).
fn offset_of(text: &str, lines: &LineIndex, d: &Diagnostic) -> Option<u32> {
    if let Some(s) = d.span {
        return (s.start as usize <= text.len()).then_some(s.start);
    }
    if d.start.line == 0 || d.start.line as usize > lines.line_count() {
        return None;
    }
    let start = lines.line_start(d.start.line as usize - 1);
    let rest = &text[start..];
    let col = d.start.column.saturating_sub(1) as usize;
    let at = rest.char_indices().nth(col).map_or(rest.len(), |(i, _)| i);
    Some((start + at) as u32)
}

/// Whether a line of `text` ends in a CR alone (classic Mac OS). YAML takes it for a line break;
/// the edits, which find lines by their LF, would write into the line after it (past a `---`
/// there, into the next document).
fn has_lone_cr(text: &str) -> bool {
    let b = text.as_bytes();
    text.match_indices('\r')
        .any(|(i, _)| b.get(i + 1) != Some(&b'\n'))
}

/// A document without aliases or merge keys: an edit to a node can reach nowhere else.
fn plain(doc: &Document<'_>) -> bool {
    (0..doc.node_count() as u32).all(|id| match &doc.node(id).kind {
        NodeKind::Alias(_) => false,
        NodeKind::Map(entries) => entries.iter().all(|&(k, _)| doc.str(k) != Some("<<")),
        _ => true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::engine::{self, Input, Options};

    /// The findings of `text`, linted as `pod.yaml`, with their fixes.
    fn fixed(text: &str) -> Vec<Diagnostic> {
        let name = "/nonexistent/pod.yaml";
        let inputs = [Input::Stdin {
            name: name.to_string(),
            bytes: text.as_bytes().to_vec(),
        }];
        let cfg = Config::default_at(std::path::Path::new("/nonexistent"));
        let opts = Options {
            threads: Some(1),
            ..Options::default()
        };
        let mut diags = engine::lint(&inputs, &cfg, &opts).unwrap().diagnostics;
        attach(name, text, &mut diags);
        diags
    }

    #[test]
    fn a_file_with_a_lone_cr_gets_no_fix() {
        // YAML ends a line at the CR: the `---` after it starts the next document, where an
        // edit made "after the line" (found by its LF) would land.
        let pod = |eol: &str| {
            format!(
                "apiVersion: v1\nkind: Pod\nmetadata: {{name: a, namespace: b}}\nspec:\n  containers:\n  - name: c\n    image: x.azurecr.io/c:1 # note{eol}---\napiVersion: v1\nkind: Namespace\nmetadata: {{name: b}}\n"
            )
        };
        let lf = fixed(&pod("\n"));
        assert!(lf.iter().any(|d| d.rule == "AKS402" && d.fix.is_some()));
        let cr = fixed(&pod("\r"));
        assert!(cr.iter().any(|d| d.rule == "AKS402"));
        assert!(cr.iter().all(|d| d.fix.is_none()));
        // CRLF files are fixed as any other.
        let crlf = fixed(&pod("\n").replace('\n', "\r\n"));
        assert!(crlf.iter().any(|d| d.rule == "AKS402" && d.fix.is_some()));
    }
}
