//! The server loop: initialize (negotiating the position encoding, and whether diagnostics are
//! pushed or pulled), then the open documents' notifications, diagnostics, quick fixes (code
//! actions) and hovers, until shutdown and exit.
//!
//! Opens, changes and closes are taken as they come; the open documents of the projects they
//! touched are linted once nothing more is waiting to be read, or before a request is answered
//! (a burst of changes is linted once, for the last text). Each project's open documents are
//! linted together (see [`lint`]), so a change in one can change the findings of another: a
//! push client is sent every document whose findings changed, a pull client a
//! `workspace/diagnostic/refresh`. Linting happens on the main loop, so what is reported is
//! always for the text the document has now. Not done yet: linting on a small pool from a
//! snapshot, with a ~150 ms debounce, as ruff and biome do.

use super::convert::{self, Action, Encoding};
use super::documents::{Document, Documents};
use super::lint;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, ignore};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

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
    let (id, raw) = conn.initialize_start().map_err(|e| e.to_string())?;
    let modes = convert::DiagnosticModes::of(&raw);
    let params: lsp::InitializeParams =
        serde_json::from_value(raw).map_err(|e| format!("initialize: {e}"))?;
    let enc = Encoding::negotiate(&params.capabilities);
    conn.initialize_finish(id, convert::capabilities(enc, modes))
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        conn,
        enc,
        modes,
        docs: Documents::default(),
        cwd: std::env::current_dir().unwrap_or_default(),
        config,
        dirty: BTreeSet::new(),
        reported: BTreeMap::new(),
        results: 0,
        requests: 0,
    };
    loop {
        // Block only when nothing is left to lint; else lint once the queue is empty.
        let msg = if server.dirty.is_empty() {
            match conn.receiver.recv() {
                Ok(m) => m,
                Err(_) => break,
            }
        } else {
            match conn.receiver.try_recv() {
                Ok(m) => m,
                Err(e) if e.is_empty() => {
                    server.lint_dirty();
                    continue;
                }
                Err(_) => break,
            }
        };
        match msg {
            Message::Request(req) => {
                if conn.handle_shutdown(&req).map_err(|e| e.to_string())? {
                    return Ok(Ended::Shutdown);
                }
                // Answered for the documents as they are now.
                server.lint_dirty();
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

/// The open documents linted together: those of one project (`None`: under no project root).
type Group = Option<PathBuf>;

/// What the client was last given for an open document.
struct Reported {
    /// The document's version then.
    version: i32,
    /// Names this report for a pull client's `previousResultId`: a new one for each version,
    /// and whenever the findings change.
    result_id: String,
    diagnostics: Vec<lsp::Diagnostic>,
}

struct Server<'c> {
    conn: &'c Connection,
    enc: Encoding,
    modes: convert::DiagnosticModes,
    docs: Documents,
    /// Where relative paths in findings (other files of the project) are from.
    cwd: PathBuf,
    /// `--config`: one akslint.toml for every file.
    config: Option<PathBuf>,
    /// The projects whose open documents are to be linted again.
    dirty: BTreeSet<Group>,
    /// By URI, for each open document once linted.
    reported: BTreeMap<String, Reported>,
    /// Result IDs given so far.
    results: u64,
    /// Requests sent to the client so far.
    requests: i32,
}

impl Server<'_> {
    fn request(&mut self, r: Request) {
        let id = r.id.clone();
        let resp = match r.method.as_str() {
            req::DocumentDiagnosticRequest::METHOD => params::<lsp::DocumentDiagnosticParams>(&r)
                .map(|p| Response::new_ok(id, self.pull(&p))),
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
                let path = convert::uri_to_path(&doc.uri);
                let project = path.as_deref().and_then(crate::engine::project_root);
                self.dirty.insert(project.clone());
                self.docs.open(
                    doc.uri.as_str(),
                    Document {
                        path,
                        project,
                        version: doc.version,
                        text: doc.text,
                        findings: Vec::new(),
                    },
                );
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
                    && let Some(doc) = self.docs.get(uri.as_str())
                {
                    self.dirty.insert(doc.project.clone());
                }
            }
            note::DidCloseTextDocument::METHOD => {
                let Ok(p) = n
                    .extract::<lsp::DidCloseTextDocumentParams>(note::DidCloseTextDocument::METHOD)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                if let Some(doc) = self.docs.close(uri.as_str()) {
                    self.reported.remove(uri.as_str());
                    // The other open documents of its project see the file on disk again.
                    self.dirty.insert(doc.project);
                    // A pull client forgets a closed document's diagnostics itself.
                    if !self.modes.pull {
                        self.publish(uri, None, Vec::new());
                    }
                }
            }
            _ => {}
        }
    }

    /// Lints the open documents of the projects marked dirty, and gives the client what
    /// changed: a push client each document whose version or findings changed, a pull client
    /// (which pulls the documents it changed itself) a refresh when the findings of a document
    /// it did not change did.
    fn lint_dirty(&mut self) {
        let mut refresh = false;
        for group in std::mem::take(&mut self.dirty) {
            for (uri, version, findings, diagnostics) in self.lint_group(&group) {
                self.docs.set_findings(&uri, findings);
                let before = self.reported.get(&uri);
                let new_version = before.is_none_or(|r| r.version != version);
                if !new_version && before.is_some_and(|r| r.diagnostics == diagnostics) {
                    continue;
                }
                self.results += 1;
                let result_id = format!("{version}.{}", self.results);
                if self.modes.pull {
                    refresh |= !new_version;
                } else if let Ok(u) = uri.parse::<lsp::Uri>() {
                    self.publish(u, Some(version), diagnostics.clone());
                }
                let reported = Reported {
                    version,
                    result_id,
                    diagnostics,
                };
                self.reported.insert(uri, reported);
            }
        }
        if refresh && self.modes.refresh {
            self.requests += 1;
            let r = Request::new(
                self.requests.into(),
                req::WorkspaceDiagnosticRefresh::METHOD.to_string(),
                serde_json::Value::Null,
            );
            self.send(r.into());
        }
    }

    /// Lints the open documents of a project together: for each, its URI, the version linted,
    /// its findings (with their fixes) and them as LSP diagnostics. Documents that are no file
    /// (`untitled:`) are not linted: no path gives no config, no project and no kind.
    #[allow(clippy::type_complexity)]
    fn lint_group(
        &self,
        group: &Group,
    ) -> Vec<(String, i32, Vec<Diagnostic>, Vec<lsp::Diagnostic>)> {
        let members: Vec<(&str, &Document)> = self
            .docs
            .iter()
            .filter(|(_, d)| d.project == *group)
            .collect();
        let files: Vec<(&std::path::Path, &str)> = members
            .iter()
            .filter_map(|(_, d)| Some((d.path.as_deref()?, d.text.as_str())))
            .collect();
        // A panic in a rule costs this lint, not the session.
        let config = self.config.as_deref();
        let linted = std::panic::catch_unwind(|| lint::lint(&files, config))
            .unwrap_or_else(|_| Err("akslint: internal error while linting this file".into()));
        let mut linted = match linted {
            Ok(l) => l.into_iter().map(Ok).collect::<Vec<_>>(),
            Err(e) => files.iter().map(|_| Err(e.clone())).collect(),
        }
        .into_iter();
        let mut out = Vec::new();
        for (uri, doc) in members {
            // `files` holds the members with a path, in order.
            let result = if doc.path.is_some() {
                linted.next()
            } else {
                None
            };
            let (findings, diagnostics) = match result {
                Some(Ok(l)) => {
                    let diagnostics = self.diagnostics(uri, &doc.text, &l);
                    (l.diagnostics, diagnostics)
                }
                Some(Err(e)) => (Vec::new(), vec![convert::not_linted(&e)]),
                None => (Vec::new(), Vec::new()),
            };
            out.push((uri.to_string(), doc.version, findings, diagnostics));
        }
        out
    }

    /// A document's findings as LSP diagnostics.
    fn diagnostics(&self, uri: &str, text: &str, linted: &lint::Linted) -> Vec<lsp::Diagnostic> {
        let own: Option<lsp::Uri> = uri.parse().ok();
        linted
            .diagnostics
            .iter()
            .map(|d| {
                convert::diagnostic(d, text, self.enc, linted.docs_url.as_deref(), |file| {
                    if file == linted.name {
                        return own.clone().map(|u| (u, None));
                    }
                    self.other_file(file)
                })
            })
            .collect()
    }

    /// `textDocument/diagnostic`: an open document's last findings (linted before any request
    /// is answered), or `unchanged` when the client has them; a file that is not open, linted
    /// from disk.
    fn pull(&mut self, p: &lsp::DocumentDiagnosticParams) -> lsp::DocumentDiagnosticReportResult {
        let uri = p.text_document.uri.as_str();
        if let Some(doc) = self.docs.get(uri)
            && !self.reported.contains_key(uri)
        {
            self.dirty.insert(doc.project.clone());
            self.lint_dirty();
        }
        let previous = p.previous_result_id.as_deref();
        if let Some(r) = self.reported.get(uri) {
            return convert::pulled(Some(r.result_id.clone()), previous, &r.diagnostics);
        }
        let Some(path) = convert::uri_to_path(&p.text_document.uri) else {
            return convert::pulled(None, previous, &[]);
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            return convert::pulled(None, previous, &[]);
        };
        let config = self.config.as_deref();
        let linted =
            std::panic::catch_unwind(|| lint::lint(&[(path.as_path(), text.as_str())], config))
                .unwrap_or_else(|_| Err("akslint: internal error while linting this file".into()));
        let items = match linted.map(|mut l| l.pop()) {
            Ok(Some(l)) => self.diagnostics(uri, &text, &l),
            Ok(None) => Vec::new(),
            Err(e) => vec![convert::not_linted(&e)],
        };
        convert::pulled(None, previous, &items)
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
