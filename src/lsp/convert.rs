//! The one module that speaks `lsp-types`: the position encoding negotiated with the client,
//! positions (the engine's 1-based lines and Unicode-scalar columns) as LSP positions, findings
//! as LSP diagnostics, and `file:` URIs as paths and back. Swapping the types crate (ruff moved
//! to `gen-lsp-types`) is a change to this module only.

use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::{Applicability, Edit};
use crate::source::{LineIndex, Pos};
use lsp_types as lsp;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// How the client counts a position's `character`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding of the session: UTF-8, else UTF-32, when the client lists it in
    /// `general.positionEncodings` (both are cheaper to count than UTF-16 and as exact); else
    /// UTF-16, which every client must understand.
    pub fn negotiate(caps: &lsp::ClientCapabilities) -> Encoding {
        let offered = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref())
            .unwrap_or_default();
        if offered.contains(&lsp::PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&lsp::PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> lsp::PositionEncodingKind {
        match self {
            Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
            Encoding::Utf32 => lsp::PositionEncodingKind::UTF32,
        }
    }

    fn units(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }
}

/// An engine position (1-based line, 1-based column in Unicode scalar values) as an LSP one
/// (0-based line, `character` in the encoding's units), counted on `text`'s line. Line 0 (a
/// finding about the whole file) is the start of the file; a column past the end of its line
/// counts one unit per missing character.
pub fn position(text: &str, pos: Pos, enc: Encoding) -> lsp::Position {
    Lines::new(text).position(pos, enc)
}

/// A text and where its lines start: the positions of a file's many findings, each found
/// without reading the text from its start again.
pub struct Lines<'t> {
    text: &'t str,
    /// The byte offset of each line's start.
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Lines<'t> {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text).map(|i| i + 1));
        Lines { text, starts }
    }

    /// Line `n` (0-based), without its newline; empty past the end.
    fn line(&self, n: usize) -> &'t str {
        let Some(&start) = self.starts.get(n) else {
            return "";
        };
        let end = self.starts.get(n + 1).map_or(self.text.len(), |e| e - 1);
        &self.text[start..end]
    }

    /// As [`position`].
    pub fn position(&self, pos: Pos, enc: Encoding) -> lsp::Position {
        if pos.line == 0 {
            return lsp::Position::new(0, 0);
        }
        position_on(self.line(pos.line as usize - 1), pos, enc)
    }

    /// As [`range`].
    pub fn range(&self, start: Pos, end: Pos, enc: Encoding) -> lsp::Range {
        lsp::Range::new(self.position(start, enc), self.position(end, enc))
    }
}

/// The offsets of a text's newlines.
fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
}

/// [`position`] on the position's line.
fn position_on(line: &str, pos: Pos, enc: Encoding) -> lsp::Position {
    let wanted = pos.column.saturating_sub(1) as usize;
    let mut character = 0;
    let mut counted = 0;
    for c in line.chars().take(wanted) {
        character += enc.units(c);
        counted += 1;
    }
    character += (wanted - counted) as u32;
    lsp::Position::new(pos.line - 1, character)
}

/// The range of `start..end` on `text`.
pub fn range(text: &str, start: Pos, end: Pos, enc: Encoding) -> lsp::Range {
    lsp::Range::new(position(text, start, enc), position(text, end, enc))
}

/// The LSP position of a byte offset of `text`.
fn offset_position(text: &str, lines: &LineIndex, offset: u32, enc: Encoding) -> lsp::Position {
    position(text, lines.pos(text, offset as usize), enc)
}

/// An edit of `text` as an LSP text edit.
fn text_edit(text: &str, lines: &LineIndex, e: &Edit, enc: Encoding) -> lsp::TextEdit {
    lsp::TextEdit {
        range: lsp::Range::new(
            offset_position(text, lines, e.span.start, enc),
            offset_position(text, lines, e.span.end, enc),
        ),
        new_text: e.text.clone(),
    }
}

/// Whether two ranges share a position (a cursor at either end of a diagnostic is on it).
pub fn touches(a: lsp::Range, b: lsp::Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// One quick fix, as [`code_action`] makes it.
pub struct Action<'a> {
    pub title: String,
    pub edits: &'a [Edit],
    /// The safe fix of a diagnostic: what the editor applies first.
    pub preferred: bool,
    /// The diagnostic it fixes, as published.
    pub diagnostic: lsp::Diagnostic,
}

/// A quick-fix code action editing the document `uri` (whose text is `text`).
// `WorkspaceEdit::changes` is keyed by `Uri`, whose parsed parts are cached inside it: the key
// is never changed here.
#[allow(clippy::mutable_key_type)]
pub fn code_action(
    uri: &lsp::Uri,
    text: &str,
    action: Action<'_>,
    enc: Encoding,
) -> lsp::CodeActionOrCommand {
    let lines = LineIndex::new(text);
    let edits = action
        .edits
        .iter()
        .map(|e| text_edit(text, &lines, e, enc))
        .collect();
    let changes = std::collections::HashMap::from([(uri.clone(), edits)]);
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title: action.title,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![action.diagnostic]),
        edit: Some(lsp::WorkspaceEdit::new(changes)),
        is_preferred: Some(action.preferred),
        ..Default::default()
    })
}

/// How an unsafe fix is titled in the editor.
pub fn fix_title(title: &str, applicability: Applicability) -> String {
    match applicability {
        Applicability::Safe => title.to_string(),
        Applicability::Unsafe => format!("{title} (unsafe: may change how the workload runs)"),
    }
}

/// A hover showing Markdown over `range`.
pub fn hover(markdown: String, range: lsp::Range) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(range),
    }
}

/// The LSP diagnostic of a finding in the document `text`. `locate` gives, for the file of a
/// related location, its URI and its text when it is another file than the document's (`None`
/// to leave the location out); `docs_url`: the config's base for rule documents.
pub fn diagnostic(
    d: &Diagnostic,
    lines: &Lines<'_>,
    enc: Encoding,
    docs_url: Option<&str>,
    mut locate: impl FnMut(&str) -> Option<(lsp::Uri, Option<String>)>,
) -> lsp::Diagnostic {
    let severity = match d.severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Note => lsp::DiagnosticSeverity::INFORMATION,
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    // Rendered Helm output: the template to change, as the GitHub format says it.
    if let Some(template) = &d.source {
        message.push_str("\nhelm source: ");
        message.push_str(template);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let (uri, other) = locate(&r.file)?;
            let range = match other.as_deref() {
                Some(on) => range(on, r.start, r.end, enc),
                None => lines.range(r.start, r.end, enc),
            };
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri, range),
                message: r.message.clone(),
            })
        })
        .collect();
    let code_description = docs_url
        .and_then(|base| lsp::Uri::from_str(&format!("{base}{}.md", d.rule)).ok())
        .map(|href| lsp::CodeDescription { href });
    lsp::Diagnostic {
        range: lines.range(d.start, d.end, enc),
        severity: Some(severity),
        code: Some(lsp::NumberOrString::String(d.rule.to_string())),
        code_description,
        source: Some("akslint".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// How the client takes diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DiagnosticModes {
    /// It pulls them (`textDocument/diagnostic`): it declares `textDocument.diagnostic`. Then
    /// nothing is pushed to it: VS Code would show both.
    pub pull: bool,
    /// It takes `workspace/diagnostic/refresh` (`workspace.diagnostics.refreshSupport`): pull
    /// again, when a document's findings change without the document changing.
    pub refresh: bool,
}

impl DiagnosticModes {
    /// From the `initialize` request's raw parameters: lsp-types 0.97 spells the workspace
    /// capability `diagnostic`, where the protocol (and VS Code) says `diagnostics`; both are
    /// read.
    pub fn of(params: &serde_json::Value) -> DiagnosticModes {
        let caps = &params["capabilities"];
        let present = |v: &serde_json::Value| !v.is_null();
        let workspace = &caps["workspace"];
        let refresh = ["diagnostics", "diagnostic"]
            .iter()
            .any(|k| workspace[k]["refreshSupport"] == serde_json::Value::Bool(true));
        DiagnosticModes {
            pull: present(&caps["textDocument"]["diagnostic"]),
            refresh,
        }
    }
}

/// A pull request's answer: the findings (and the `result_id` to send next time), or that those
/// of `previous` are still right.
pub fn pulled(
    result_id: Option<String>,
    previous: Option<&str>,
    items: &[lsp::Diagnostic],
) -> lsp::DocumentDiagnosticReportResult {
    let report = match result_id {
        Some(id) if previous == Some(id.as_str()) => lsp::DocumentDiagnosticReport::Unchanged(
            lsp::RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: lsp::UnchangedDocumentDiagnosticReport {
                    result_id: id,
                },
            },
        ),
        result_id => {
            lsp::DocumentDiagnosticReport::Full(lsp::RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                    result_id,
                    items: items.to_vec(),
                },
            })
        }
    };
    lsp::DocumentDiagnosticReportResult::Report(report)
}

/// What the server can do, for the `initialize` response: open/close and full-text change
/// notifications, diagnostics (pushed, or pulled when `modes.pull`: one document's findings
/// depend on other files), quick fixes, hovers, positions in `enc`.
pub fn capabilities(enc: Encoding, modes: DiagnosticModes) -> serde_json::Value {
    let diagnostic_provider = modes.pull.then(|| {
        lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
            identifier: Some("akslint".to_string()),
            inter_file_dependencies: true,
            workspace_diagnostics: false,
            work_done_progress_options: Default::default(),
        })
    });
    let caps = lsp::ServerCapabilities {
        diagnostic_provider,
        position_encoding: Some(enc.kind()),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::FULL),
                // A save can change what the project's other files see on disk.
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        ..Default::default()
    };
    serde_json::json!({
        "capabilities": caps,
        "serverInfo": {"name": "akslint", "version": env!("CARGO_PKG_VERSION")},
    })
}

/// A diagnostic at the start of the document for what kept it from being linted (a config
/// that does not load, an internal error).
pub fn not_linted(message: &str) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: lsp::Range::default(),
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        source: Some("akslint".to_string()),
        message: message.to_string(),
        ..Default::default()
    }
}

/// The path of a `file:` URI (percent-decoded); `None` for other schemes.
pub fn uri_to_path(uri: &lsp::Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///p` or `file://localhost/p`; another host is no local file.
    let path = match rest.find('/') {
        Some(i) if matches!(&rest[..i], "" | "localhost") => &rest[i..],
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        // `/C:/x` is `C:/x`.
        let s = String::from_utf8(bytes).ok()?;
        let s = match s.as_bytes() {
            [b'/', _, b':', ..] => s[1..].to_string(),
            _ => s,
        };
        Some(PathBuf::from(s))
    }
}

/// The `file:` URI of an absolute path (every byte but the unreserved ones and `/`
/// percent-encoded).
pub fn path_to_uri(path: &Path) -> Option<lsp::Uri> {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = {
        let s = path.to_str()?.replace('\\', "/");
        if s.starts_with('/') {
            s.into_bytes()
        } else {
            format!("/{s}").into_bytes()
        }
    };
    if bytes.first() != Some(&b'/') {
        return None;
    }
    let mut s = String::from("file://");
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) || cfg!(not(unix)) && b == b':' {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    lsp::Uri::from_str(&s).ok()
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Whether the client takes `client/registerCapability` for `workspace/didChangeWatchedFiles`.
pub fn watches_files(initialize: &serde_json::Value) -> bool {
    initialize["capabilities"]["workspace"]["didChangeWatchedFiles"]["dynamicRegistration"]
        == serde_json::Value::Bool(true)
}

/// The files whose changes on disk change what a lint sees: those linted (YAML, JSON,
/// Terraform), the configs, and the ignore files the walks honour.
pub const WATCHED: [&str; 4] = [
    "**/*.{yaml,yml,json,tf,tfvars}",
    "**/akslint.toml",
    "**/.gitignore",
    "**/.ignore",
];

/// The `client/registerCapability` parameters that ask the client to report changes to the
/// [`WATCHED`] files.
pub fn watch_registration() -> lsp::RegistrationParams {
    let watchers = WATCHED
        .iter()
        .map(|g| lsp::FileSystemWatcher {
            glob_pattern: lsp::GlobPattern::String((*g).to_string()),
            kind: None,
        })
        .collect();
    let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
    lsp::RegistrationParams {
        registrations: vec![lsp::Registration {
            id: "akslint-watched-files".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(options).ok(),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn lines_find_each_position_as_the_text_read_from_its_start_does() {
        let text = "a: é🚀\r\n\nb: [x, \"ü\"]\nlast line without newline 🚀";
        let lines = Lines::new(text);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for line in 0..6u32 {
                for column in 1..40u32 {
                    let pos = Pos { line, column };
                    // The reference: the line found by splitting the whole text.
                    let want = if line == 0 {
                        lsp::Position::new(0, 0)
                    } else {
                        let l = text.split('\n').nth(line as usize - 1).unwrap_or("");
                        position_on(l, pos, enc)
                    };
                    assert_eq!(lines.position(pos, enc), want, "{pos:?} {enc:?}");
                }
            }
        }
    }

    #[test]
    fn multibyte_columns_in_each_encoding() {
        // `é` is 2 UTF-8 bytes and 1 UTF-16 unit; `🚀` is 4 bytes, 2 UTF-16 units; both are one
        // scalar value, as the engine counts columns.
        let text = "kind: Pod\n# é 🚀\n  x: é🚀 privileged: true\n";
        let key = pos(3, 9); // `privileged`, after `  x: é🚀 `
        let line = text.lines().nth(2).unwrap();
        let before = &line[..line.find("privileged").unwrap()];
        assert_eq!((before.chars().count(), before.len()), (8, 12));
        assert_eq!(position(text, key, Encoding::Utf32).character, 8);
        assert_eq!(position(text, key, Encoding::Utf16).character, 9);
        assert_eq!(position(text, key, Encoding::Utf8).character, 12);
        assert_eq!(position(text, key, Encoding::Utf8).line, 2);
    }

    #[test]
    fn file_level_and_past_the_end_positions() {
        let text = "a: é\r\n";
        assert_eq!(
            position(text, pos(0, 0), Encoding::Utf16),
            lsp::Position::new(0, 0)
        );
        // `a: é\r` is 6 UTF-8 bytes (the engine counts the `\r` as a column too); past the end of
        // the line, one unit per missing character.
        assert_eq!(position(text, pos(1, 8), Encoding::Utf8).character, 8);
        assert_eq!(
            position(text, pos(5, 1), Encoding::Utf16),
            lsp::Position::new(4, 0)
        );
    }

    #[test]
    fn negotiation_prefers_utf8_then_utf32_else_utf16() {
        let caps = |kinds: Option<Vec<lsp::PositionEncodingKind>>| lsp::ClientCapabilities {
            general: Some(lsp::GeneralClientCapabilities {
                position_encodings: kinds,
                ..Default::default()
            }),
            ..Default::default()
        };
        use lsp::PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(&caps(None)), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(&caps(Some(vec![K::UTF16]))),
            Encoding::Utf16
        );
        assert_eq!(
            Encoding::negotiate(&caps(Some(vec![K::UTF16, K::UTF32]))),
            Encoding::Utf32
        );
        assert_eq!(
            Encoding::negotiate(&caps(Some(vec![K::UTF32, K::UTF8]))),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(&lsp::ClientCapabilities::default()),
            Encoding::Utf16
        );
    }

    #[test]
    fn pull_and_refresh_as_the_client_declares_them() {
        let modes = |caps: serde_json::Value| {
            DiagnosticModes::of(&serde_json::json!({"capabilities": caps}))
        };
        assert_eq!(modes(serde_json::json!({})), DiagnosticModes::default());
        // VS Code's (vscode-languageclient 9): the protocol's `workspace.diagnostics`.
        let vscode = serde_json::json!({
            "workspace": {"diagnostics": {"refreshSupport": true}},
            "textDocument": {"diagnostic": {"dynamicRegistration": true, "relatedDocumentSupport": false}},
        });
        assert_eq!(
            modes(vscode),
            DiagnosticModes {
                pull: true,
                refresh: true
            }
        );
        let pull_only = serde_json::json!({"textDocument": {"diagnostic": {}}});
        assert_eq!(
            modes(pull_only),
            DiagnosticModes {
                pull: true,
                refresh: false
            }
        );
        let no_refresh = serde_json::json!({
            "workspace": {"diagnostics": {"refreshSupport": false}},
            "textDocument": {"publishDiagnostics": {}},
        });
        assert_eq!(modes(no_refresh), DiagnosticModes::default());
    }

    #[test]
    fn a_pull_answers_unchanged_only_for_the_current_result() {
        let items = [not_linted("x")];
        let json = |r| serde_json::to_value(r).unwrap();
        let full = json(pulled(Some("3.1".into()), Some("2.0"), &items));
        assert_eq!(full["kind"], "full");
        assert_eq!(full["resultId"], "3.1");
        assert_eq!(full["items"][0]["message"], "x");
        let same = json(pulled(Some("3.1".into()), Some("3.1"), &items));
        assert_eq!(
            same,
            serde_json::json!({"kind": "unchanged", "resultId": "3.1"})
        );
        let first = json(pulled(None, None, &[]));
        assert_eq!(first, serde_json::json!({"kind": "full", "items": []}));
    }

    #[test]
    #[cfg(unix)]
    fn uris_and_paths_round_trip() {
        for p in ["/tmp/a b/100%/déploy.yaml", "/x/pod.yaml"] {
            let uri = path_to_uri(Path::new(p)).unwrap();
            assert_eq!(
                uri_to_path(&uri).unwrap(),
                PathBuf::from(p),
                "{}",
                uri.as_str()
            );
        }
        let uri = lsp::Uri::from_str("file:///tmp/a%20b/x.yaml").unwrap();
        assert_eq!(uri_to_path(&uri).unwrap(), PathBuf::from("/tmp/a b/x.yaml"));
        let untitled = lsp::Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(uri_to_path(&untitled), None);
        assert_eq!(path_to_uri(Path::new("relative.yaml")), None);
    }
}
