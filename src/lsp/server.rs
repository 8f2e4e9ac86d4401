//! The server loop: initialize (negotiating the position encoding), then the open documents'
//! notifications, quick fixes (code actions) and hovers, until shutdown and exit.
//!
//! Each open or change is linted right here on the main loop, in the order the notifications
//! come, so what is published is always for the version the document has now: no result can
//! be outdated. The next step is ruff's and biome's: lint on a small pool from a snapshot of
//! the document, coalesce the changes of each file (~150 ms), and drop results whose version
//! the document has moved past.

use super::convert::{self, Action, Encoding};
use super::documents::{Document, Documents};
use super::lint;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, ignore};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use std::path::{Path, PathBuf};

/// The reason a "Suppress" quick fix writes, for the user to replace.
const REASON_PLACEHOLDER: &str = "<reason>";

/// How the session ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// `shutdown` then `exit`, as the protocol wants.
    Shutdown,
    /// `exit` without `shutdown`, or the client went away: exit code 1.
    Abruptly,
}

/// Serves one client on `conn` until it exits; `config`: the one akslint.toml for every file
/// (else each file's nearest).
pub fn serve(conn: &Connection, config: Option<PathBuf>) -> Result<Ended, String> {
    let (id, params) = conn.initialize_start().map_err(|e| e.to_string())?;
    let params: lsp::InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("initialize: {e}"))?;
    let enc = Encoding::negotiate(&params.capabilities);
    conn.initialize_finish(id, convert::capabilities(enc))
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        conn,
        enc,
        docs: Documents::default(),
        cwd: std::env::current_dir().unwrap_or_default(),
        config,
    };
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) => {
                if conn.handle_shutdown(&req).map_err(|e| e.to_string())? {
                    return Ok(Ended::Shutdown);
                }
                server.request(req);
            }
            Message::Notification(n) if n.method == note::Exit::METHOD => {
                return Ok(Ended::Abruptly);
            }
            Message::Notification(n) => server.notify(n),
            Message::Response(_) => {}
        }
    }
    Ok(Ended::Abruptly)
}

struct Server<'c> {
    conn: &'c Connection,
    enc: Encoding,
    docs: Documents,
    /// Where relative paths in findings (other files of the project) are from.
    cwd: PathBuf,
    /// `--config`: one akslint.toml for every file.
    config: Option<PathBuf>,
}

impl Server<'_> {
    fn request(&self, r: Request) {
        let id = r.id.clone();
        let resp = match r.method.as_str() {
            req::CodeActionRequest::METHOD => params::<lsp::CodeActionParams>(&r)
                .map(|p| Response::new_ok(id, self.code_actions(&p))),
            req::HoverRequest::METHOD => {
                params::<lsp::HoverParams>(&r).map(|p| Response::new_ok(id, self.hover(&p)))
            }
            _ => Err(Box::new(Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("akslint lsp does not handle `{}`", r.method),
            ))),
        };
        let resp = resp.unwrap_or_else(|e| *e);
        self.send(resp.into());
    }

    /// The quick fixes for the findings in the requested range: each fix (the safe one
    /// preferred, an unsafe one saying so), then "Suppress RULE on this line".
    fn code_actions(&self, p: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let uri = &p.text_document.uri;
        let Some(doc) = self.docs.get(uri.as_str()) else {
            return Vec::new();
        };
        let text = &doc.text;
        let here: Vec<(&Diagnostic, lsp::Diagnostic)> = doc
            .findings
            .iter()
            .filter(|d| convert::touches(convert::range(text, d.start, d.end, self.enc), p.range))
            .map(|d| (d, convert::diagnostic(d, text, self.enc, None, |_| None)))
            .collect();
        let mut out = Vec::new();
        for (d, lsp_diag) in &here {
            if let Some(fix) = &d.fix {
                let action = Action {
                    title: convert::fix_title(&fix.title, fix.applicability),
                    edits: &fix.edits,
                    preferred: fix.applicability == Applicability::Safe,
                    diagnostic: lsp_diag.clone(),
                };
                out.push(convert::code_action(uri, text, action, self.enc));
            }
        }
        let commentable = doc
            .path
            .as_deref()
            .is_some_and(|p| ignore::commentable_file(&crate::source::path_text(p)));
        let mut suppressed: Vec<(u32, &str)> = Vec::new();
        for (d, lsp_diag) in here.iter().filter(|_| commentable) {
            let key = (d.start.line, d.rule);
            if !ignore::suppressible(d.rule) || suppressed.contains(&key) {
                continue;
            }
            let Some(edit) = ignore::comment(text, d.start.line, &[d.rule], REASON_PLACEHOLDER)
            else {
                continue;
            };
            suppressed.push(key);
            let action = Action {
                title: format!("Suppress {} on this line", d.rule),
                edits: std::slice::from_ref(&edit),
                preferred: false,
                diagnostic: lsp_diag.clone(),
            };
            out.push(convert::code_action(uri, text, action, self.enc));
        }
        out
    }

    /// The documentation (`akslint explain`) of the rules of the findings under the cursor.
    fn hover(&self, p: &lsp::HoverParams) -> Option<lsp::Hover> {
        let at = &p.text_document_position_params;
        let doc = self.docs.get(at.text_document.uri.as_str())?;
        let cursor = lsp::Range::new(at.position, at.position);
        let mut rules: Vec<&str> = Vec::new();
        let mut first = None;
        for d in &doc.findings {
            let range = convert::range(&doc.text, d.start, d.end, self.enc);
            if d.start.line > 0 && convert::touches(range, cursor) && !rules.contains(&d.rule) {
                rules.push(d.rule);
                first.get_or_insert(range);
            }
        }
        let docs: Vec<String> = rules
            .iter()
            .filter_map(|r| crate::rules::find(r))
            .map(|r| r.meta().explain())
            .collect();
        Some(convert::hover(docs.join("\n---\n\n"), first?))
    }

    fn notify(&mut self, n: Notification) {
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    n.extract::<lsp::DidOpenTextDocumentParams>(note::DidOpenTextDocument::METHOD)
                else {
                    return;
                };
                let doc = p.text_document;
                let key = doc.uri.as_str().to_string();
                self.docs.open(
                    &key,
                    Document {
                        path: convert::uri_to_path(&doc.uri),
                        version: doc.version,
                        text: doc.text,
                        findings: Vec::new(),
                    },
                );
                self.lint_and_publish(&doc.uri);
            }
            note::DidChangeTextDocument::METHOD => {
                let Ok(p) = n.extract::<lsp::DidChangeTextDocumentParams>(
                    note::DidChangeTextDocument::METHOD,
                ) else {
                    return;
                };
                // Full sync: the last change holds the whole text.
                let Some(change) = p.content_changes.into_iter().last() else {
                    return;
                };
                let uri = p.text_document.uri;
                if self
                    .docs
                    .change(uri.as_str(), p.text_document.version, change.text)
                {
                    self.lint_and_publish(&uri);
                }
            }
            note::DidCloseTextDocument::METHOD => {
                let Ok(p) = n
                    .extract::<lsp::DidCloseTextDocumentParams>(note::DidCloseTextDocument::METHOD)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                if self.docs.close(uri.as_str()).is_some() {
                    self.publish(uri, None, Vec::new());
                }
            }
            _ => {}
        }
    }

    /// Lints an open document as it is now and publishes its findings, for its version (and
    /// keeps them, with their fixes, for the code actions).
    fn lint_and_publish(&mut self, uri: &lsp::Uri) {
        let Some(doc) = self.docs.get(uri.as_str()) else {
            return;
        };
        let (diagnostics, findings) = match &doc.path {
            None => (Vec::new(), Vec::new()),
            Some(path) => self.diagnostics(uri, path, &doc.text),
        };
        let version = doc.version;
        self.docs.set_findings(uri.as_str(), findings);
        self.publish(uri.clone(), Some(version), diagnostics);
    }

    fn diagnostics(
        &self,
        uri: &lsp::Uri,
        path: &Path,
        text: &str,
    ) -> (Vec<lsp::Diagnostic>, Vec<Diagnostic>) {
        // A panic in a rule costs this lint, not the session.
        let linted = std::panic::catch_unwind(|| lint::lint(path, text, self.config.as_deref()))
            .unwrap_or_else(|_| Err("akslint: internal error while linting this file".into()));
        let linted = match linted {
            Ok(l) => l,
            Err(e) => return (vec![convert::not_linted(&e)], Vec::new()),
        };
        let published = linted
            .diagnostics
            .iter()
            .map(|d| {
                convert::diagnostic(d, text, self.enc, linted.docs_url.as_deref(), |file| {
                    if file == linted.name {
                        return Some((uri.clone(), None));
                    }
                    self.other_file(file)
                })
            })
            .collect();
        (published, linted.diagnostics)
    }

    /// The URI and text of another file a related location is in: its open document's text,
    /// else the file's on disk.
    fn other_file(&self, file: &str) -> Option<(lsp::Uri, Option<String>)> {
        let path = self.cwd.join(file);
        let uri = convert::path_to_uri(&path)?;
        let text = match self.docs.by_path(&path) {
            Some(doc) => doc.text.clone(),
            None => std::fs::read_to_string(&path).unwrap_or_default(),
        };
        Some((uri, Some(text)))
    }

    fn publish(&self, uri: lsp::Uri, version: Option<i32>, diagnostics: Vec<lsp::Diagnostic>) {
        let params = lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let n = Notification::new(note::PublishDiagnostics::METHOD.to_string(), params);
        self.send(n.into());
    }

    fn send(&self, msg: Message) {
        // The client gone: the loop ends when its receiver does.
        let _ = self.conn.sender.send(msg);
    }
}

/// A request's parameters, or the error response saying they do not parse.
fn params<P: serde::de::DeserializeOwned>(r: &Request) -> Result<P, Box<Response>> {
    serde_json::from_value(r.params.clone()).map_err(|e| {
        Box::new(Response::new_err(
            r.id.clone(),
            ErrorCode::InvalidParams as i32,
            format!("{}: {e}", r.method),
        ))
    })
}
