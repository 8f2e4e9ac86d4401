//! The server loop: initialize (negotiating the position encoding, and whether diagnostics are
//! pushed or pulled), then the open documents' notifications, diagnostics, quick fixes (code
//! actions) and hovers, until shutdown and exit.
//!
//! Opens, changes and closes mark the project they touch for a lint: at once for an open or a
//! close, after a pause in the changes for a change (the debounce, 150 ms unless the client's
//! `initializationOptions` say `{"debounceMs": N}`), so that a burst of keystrokes is linted
//! once, for the last text. Each project's open documents are linted together (see [`lint`]),
//! on a small pool of workers (see [`pool`]) from a snapshot, one lint of a project at a time;
//! the main loop meanwhile answers hovers, code actions and shutdown from the last findings.
//! What a lint found is kept only for the text it linted: findings for a version a document no
//! longer has are dropped (its next lint is already due). A change in one document can change
//! the findings of another: a push client is sent every document whose findings changed, a
//! pull client a `workspace/diagnostic/refresh`. A pull request for a document whose lint is
//! due or running is answered when it is done, never with an empty report.

use super::convert::{self, Action, Encoding};
use super::documents::{Document, Documents};
use super::lint;
use super::pool::{self, Group, Outcome, Pool, SnapDoc, Snapshot};
use crate::diagnostic::Diagnostic;
use crate::engine::ProjectWalk;
use crate::fix::{Applicability, ignore};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The reason a "Suppress" quick fix writes, for the user to replace.
const REASON_PLACEHOLDER: &str = "<reason>";

/// How long a document must go unchanged before it is linted, unless the client says otherwise.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// The lints that may run at once (each of a different project; each lint uses a few threads).
const WORKERS: usize = 2;

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
    let watch = convert::watches_files(&raw);
    let debounce = raw["initializationOptions"]["debounceMs"]
        .as_u64()
        .map_or(DEBOUNCE, Duration::from_millis);
    let params: lsp::InitializeParams =
        serde_json::from_value(raw).map_err(|e| format!("initialize: {e}"))?;
    let enc = Encoding::negotiate(&params.capabilities);
    conn.initialize_finish(id, convert::capabilities(enc, modes))
        .map_err(|e| e.to_string())?;
    let pool = Pool::new(WORKERS);
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut server = Server::new(conn, &pool, (enc, modes), cwd, config, debounce);
    // `initialize_finish` waited for `initialized`: the client may be sent requests now.
    if watch {
        server.requests += 1;
        let r = Request::new(
            server.requests.into(),
            req::RegisterCapability::METHOD.to_string(),
            convert::watch_registration(),
        );
        server.send(r.into());
    }
    loop {
        server.start_due();
        let timer = match server.next_due() {
            Some(at) => crossbeam_channel::at(at),
            None => crossbeam_channel::never(),
        };
        crossbeam_channel::select! {
            recv(conn.receiver) -> msg => {
                let Ok(msg) = msg else { break };
                match msg {
                    Message::Request(req) => {
                        // Answered at once: a running lint is not waited for.
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
            recv(pool.results) -> outcome => {
                if let Ok(o) = outcome {
                    server.finished(o);
                }
            }
            recv(timer) -> _ => {}
        }
    }
    Ok(Ended::Abruptly)
}

/// What the client was last given for an open document.
struct Reported {
    /// The document's version then.
    version: i32,
    /// The stamp of the text linted (see [`Document::stamp`]).
    stamp: u64,
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
    /// How long a changed document waits for its lint.
    debounce: Duration,
    pool: &'c Pool,
    /// The projects whose open documents are to be linted again, and when.
    due: BTreeMap<Group, Instant>,
    /// The projects being linted (one lint of a project at a time: they share its cache).
    running: BTreeSet<Group>,
    /// Pull requests for documents whose lint is due or running.
    waiting: Vec<(RequestId, lsp::DocumentDiagnosticParams)>,
    /// Each project's walk (its files), made by its first lint and given to the next ones, until
    /// something changes on disk.
    walks: BTreeMap<Group, Arc<ProjectWalk>>,
    /// Changes on disk seen so far: a walk made before the last one is not kept.
    epoch: u64,
    /// By URI, for each open document once linted.
    reported: BTreeMap<String, Reported>,
    /// Result IDs given so far.
    results: u64,
    /// Requests sent to the client so far.
    requests: i32,
}

impl<'c> Server<'c> {
    /// A server with no document open yet.
    fn new(
        conn: &'c Connection,
        pool: &'c Pool,
        (enc, modes): (Encoding, convert::DiagnosticModes),
        cwd: PathBuf,
        config: Option<PathBuf>,
        debounce: Duration,
    ) -> Server<'c> {
        Server {
            conn,
            enc,
            modes,
            docs: Documents::default(),
            cwd,
            config,
            debounce,
            pool,
            due: BTreeMap::new(),
            running: BTreeSet::new(),
            waiting: Vec::new(),
            walks: BTreeMap::new(),
            epoch: 0,
            reported: BTreeMap::new(),
            results: 0,
            requests: 0,
        }
    }

    fn request(&mut self, r: Request) {
        let id = r.id.clone();
        let resp = match r.method.as_str() {
            req::DocumentDiagnosticRequest::METHOD => {
                match params::<lsp::DocumentDiagnosticParams>(&r) {
                    Ok(p) if self.lint_pending(p.text_document.uri.as_str()) => {
                        // Never left waiting for a lint nobody asked for.
                        if let Some(doc) = self.docs.get(p.text_document.uri.as_str())
                            && !self.due.contains_key(&doc.project)
                            && !self.running.contains(&doc.project)
                        {
                            self.schedule(doc.project.clone(), Duration::ZERO);
                        }
                        self.waiting.push((id, p));
                        return;
                    }
                    p => p.map(|p| Response::new_ok(id, self.pull(&p))),
                }
            }
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
        let lines = convert::Lines::new(text);
        let mut findings: Vec<Diagnostic> = doc
            .findings
            .iter()
            .filter(|d| convert::touches(lines.range(d.start, d.end, self.enc), p.range))
            .cloned()
            .collect();
        // Their fixes, found now rather than on every lint (that took a parse of the text each
        // keystroke for what a code action asks of a few findings).
        if let Some(path) = &doc.path {
            crate::fix::attach(&crate::source::path_text(path), text, &mut findings);
        }
        let here: Vec<(&Diagnostic, lsp::Diagnostic)> = findings
            .iter()
            .map(|d| (d, convert::diagnostic(d, &lines, self.enc, None, |_| None)))
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
        let name = doc.path.as_deref().map(crate::source::path_text);
        let commentable = name.as_deref().is_some_and(ignore::commentable_file);
        let mut suppressed: Vec<(u32, &str)> = Vec::new();
        for (d, lsp_diag) in here.iter().filter(|_| commentable) {
            let key = (d.start.line, d.rule);
            if !ignore::suppressible(d.rule) || suppressed.contains(&key) {
                continue;
            }
            let name = name.as_deref().unwrap_or_default();
            let Some(edit) =
                ignore::comment(name, text, d.start.line, &[d.rule], REASON_PLACEHOLDER)
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
        let lines = convert::Lines::new(&doc.text);
        for d in &doc.findings {
            let range = lines.range(d.start, d.end, self.enc);
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

    /// Files changed on disk (or may have: a save, a close, the client's configuration): the
    /// projects are walked again at their next lint, and every open document is linted again
    /// after the debounce (a checkout changes many files at once).
    fn disk_changed(&mut self) {
        self.epoch += 1;
        self.walks.clear();
        let groups: BTreeSet<Group> = self.docs.iter().map(|(_, d)| d.project.clone()).collect();
        for group in groups {
            self.schedule(group, self.debounce);
        }
    }

    fn notify(&mut self, n: Notification) {
        match n.method.as_str() {
            note::DidChangeWatchedFiles::METHOD
            | note::DidSaveTextDocument::METHOD
            | note::DidChangeConfiguration::METHOD => self.disk_changed(),
            note::DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    n.extract::<lsp::DidOpenTextDocumentParams>(note::DidOpenTextDocument::METHOD)
                else {
                    return;
                };
                let doc = p.text_document;
                let path = convert::uri_to_path(&doc.uri);
                let project = path.as_deref().and_then(crate::engine::project_root);
                self.schedule(project.clone(), Duration::ZERO);
                self.docs.open(
                    doc.uri.as_str(),
                    Document {
                        path,
                        project,
                        version: doc.version,
                        text: doc.text,
                        stamp: 0,
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
                    self.schedule(doc.project.clone(), self.debounce);
                }
            }
            note::DidCloseTextDocument::METHOD => {
                let Ok(p) = n
                    .extract::<lsp::DidCloseTextDocumentParams>(note::DidCloseTextDocument::METHOD)
                else {
                    return;
                };
                let uri = p.text_document.uri;
                self.disk_changed();
                if let Some(doc) = self.docs.close(uri.as_str()) {
                    self.reported.remove(uri.as_str());
                    // The other open documents of its project see the file on disk again.
                    self.schedule(doc.project, Duration::ZERO);
                    // A pull client forgets a closed document's diagnostics itself.
                    if !self.modes.pull {
                        self.publish(uri, None, Vec::new());
                    }
                }
            }
            _ => {}
        }
    }

    /// Marks a project's open documents for a lint `after` from now: a change puts off a lint
    /// that was due (the debounce), an open or a close never does.
    fn schedule(&mut self, group: Group, after: Duration) {
        let at = Instant::now() + after;
        let due = self.due.entry(group).or_insert(at);
        if after.is_zero() {
            *due = (*due).min(at);
        } else {
            *due = at;
        }
    }

    /// When the next lint that can start is due (a project's running lint is waited for).
    fn next_due(&self) -> Option<Instant> {
        self.due
            .iter()
            .filter(|(g, _)| !self.running.contains(*g))
            .map(|(_, at)| *at)
            .min()
    }

    /// Hands the projects whose lint is due (and not running) to the pool, each as a snapshot
    /// of its open documents.
    fn start_due(&mut self) {
        let now = Instant::now();
        let ready: Vec<Group> = self
            .due
            .iter()
            .filter(|(g, at)| **at <= now && !self.running.contains(*g))
            .map(|(g, _)| g.clone())
            .collect();
        for group in ready {
            self.due.remove(&group);
            let docs = self
                .docs
                .iter()
                .filter(|(_, d)| d.project == group)
                .map(|(uri, d)| SnapDoc {
                    uri: uri.to_string(),
                    path: d.path.clone(),
                    stamp: d.stamp,
                    version: d.version,
                    text: d.text.clone(),
                })
                .collect();
            self.running.insert(group.clone());
            let group_key = group.clone();
            self.pool.submit(Snapshot {
                group,
                docs,
                config: self.config.clone(),
                enc: self.enc,
                cwd: self.cwd.clone(),
                walk: self.walks.get(&group_key).cloned(),
                epoch: self.epoch,
            });
        }
    }

    /// Whether an open document's findings are not yet those of its text: its project's lint
    /// is due or running, or it was never linted.
    fn lint_pending(&self, uri: &str) -> bool {
        let Some(doc) = self.docs.get(uri) else {
            return false;
        };
        self.due.contains_key(&doc.project)
            || self.running.contains(&doc.project)
            || self.reported.get(uri).is_none_or(|r| r.stamp != doc.stamp)
    }

    /// Takes a project's lint, and gives the client what changed: a push client each document
    /// whose version or findings changed, a pull client (which pulls the documents it changed
    /// itself) a refresh when the findings of a document it did not change did. What is for a
    /// text a document no longer has (changed, or closed, since the snapshot) is dropped.
    fn finished(&mut self, outcome: Outcome) {
        self.running.remove(&outcome.group);
        if outcome.epoch == self.epoch
            && let Some(walk) = outcome.walk
        {
            self.walks.insert(outcome.group.clone(), walk);
        }
        let mut refresh = false;
        for linted in outcome.docs {
            let uri = linted.uri;
            if self.docs.get(&uri).is_none_or(|d| d.stamp != linted.stamp) {
                continue;
            }
            self.docs.set_findings(&uri, linted.findings);
            let (version, diagnostics) = (linted.version, linted.diagnostics);
            let before = self.reported.get_mut(&uri);
            let new_version = before.as_ref().is_none_or(|r| r.version != version);
            if let Some(r) = before
                && !new_version
                && r.diagnostics == diagnostics
            {
                r.stamp = linted.stamp;
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
                stamp: linted.stamp,
                result_id,
                diagnostics,
            };
            self.reported.insert(uri, reported);
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
        // An open document that was never linted and whose project is not due (a lint whose
        // findings were dropped, and no change since): due now, so that a pull is answered.
        let stale: Vec<Group> = self
            .waiting
            .iter()
            .map(|(_, p)| p.text_document.uri.as_str())
            .filter_map(|uri| Some((uri, self.docs.get(uri)?)))
            .filter(|(uri, d)| {
                !self.due.contains_key(&d.project)
                    && !self.running.contains(&d.project)
                    && self.reported.get(*uri).is_none_or(|r| r.stamp != d.stamp)
            })
            .map(|(_, d)| d.project.clone())
            .collect();
        for group in stale {
            self.schedule(group, Duration::ZERO);
        }
        for (id, p) in std::mem::take(&mut self.waiting) {
            if self.lint_pending(p.text_document.uri.as_str()) {
                self.waiting.push((id, p));
            } else {
                let resp = Response::new_ok(id, self.pull(&p));
                self.send(resp.into());
            }
        }
    }

    /// `textDocument/diagnostic`: an open document's last findings (once its lint is done, see
    /// [`Server::lint_pending`]), or `unchanged` when the client has them; a file that is not
    /// open, linted from disk.
    fn pull(&self, p: &lsp::DocumentDiagnosticParams) -> lsp::DocumentDiagnosticReportResult {
        let uri = p.text_document.uri.as_str();
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
        let linted = std::panic::catch_unwind(|| {
            lint::lint(&[(path.as_path(), text.as_str())], config, None).map(|l| l.docs)
        })
        .unwrap_or_else(|_| Err("akslint: internal error while linting this file".into()));
        let open_text = |p: &std::path::Path| {
            self.docs
                .iter()
                .find(|(_, d)| d.path.as_deref() == Some(p))
                .map(|(_, d)| d.text.clone())
        };
        let items = match linted.map(|mut l| l.pop()) {
            Ok(Some(l)) => pool::diagnostics(uri, &text, &l, self.enc, &self.cwd, open_text),
            Ok(None) => Vec::new(),
            Err(e) => vec![convert::not_linted(&e)],
        };
        convert::pulled(None, previous, &items)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    fn server<'c>(conn: &'c Connection, pool: &'c Pool) -> Server<'c> {
        let modes = convert::DiagnosticModes::default();
        Server::new(
            conn,
            pool,
            (Encoding::Utf16, modes),
            PathBuf::new(),
            None,
            DEBOUNCE,
        )
    }

    /// A lint of one document, under no project root.
    fn outcome(doc: pool::LintedDoc) -> Outcome {
        Outcome {
            group: None,
            docs: vec![doc],
            walk: None,
            epoch: 0,
        }
    }

    fn linted(uri: &str, stamp: u64, version: i32) -> pool::LintedDoc {
        pool::LintedDoc {
            uri: uri.to_string(),
            stamp,
            version,
            findings: Vec::<Diagnostic>::new(),
            diagnostics: vec![convert::not_linted("stand-in finding")],
        }
    }

    /// A document of version 1 with no file on disk.
    fn untitled_doc() -> Document {
        Document {
            path: None,
            project: None,
            version: 1,
            text: "a: 1\n".into(),
            stamp: 0,
            findings: Vec::new(),
        }
    }

    #[test]
    fn a_lint_of_a_text_the_document_no_longer_has_is_dropped() {
        let (conn, client) = Connection::memory();
        let pool = Pool::new(1);
        let mut s = server(&conn, &pool);
        let uri = "untitled:a.yaml";
        let doc = untitled_doc();
        s.docs.open(uri, doc);
        let first = s.docs.get(uri).unwrap().stamp;
        assert!(s.docs.change(uri, 2, "a: 2\n".into()));
        let second = s.docs.get(uri).unwrap().stamp;
        s.running.insert(None);

        // The lint of version 1 ends after the change to version 2: nothing is published.
        s.finished(outcome(linted(uri, first, 1)));
        assert!(s.running.is_empty());
        assert!(client.receiver.try_recv().is_err());
        assert!(s.reported.is_empty());
        assert!(s.lint_pending(uri));

        // That of version 2 is.
        s.finished(outcome(linted(uri, second, 2)));
        let Ok(Message::Notification(n)) = client.receiver.try_recv() else {
            panic!("a publish");
        };
        assert_eq!(n.method, note::PublishDiagnostics::METHOD);
        assert_eq!(n.params["version"], 2);
        assert!(!s.lint_pending(uri));

        // Closed while a lint runs: its findings are not published after the close's empty ones.
        s.docs.close(uri);
        s.finished(outcome(linted(uri, second, 2)));
        assert!(client.receiver.try_recv().is_err());
    }

    #[test]
    fn a_pull_for_a_document_not_yet_linted_waits_for_a_lint_it_asks_for() {
        let (conn, client) = Connection::memory();
        let pool = Pool::new(1);
        let mut s = server(&conn, &pool);
        let uri = "untitled:a.yaml";
        let doc = untitled_doc();
        // Opened behind the loop's back: no lint is due.
        s.docs.open(uri, doc);
        let pull = Request::new(
            7.into(),
            req::DocumentDiagnosticRequest::METHOD.to_string(),
            serde_json::json!({"textDocument": {"uri": uri}}),
        );
        s.request(pull);
        assert!(
            client.receiver.try_recv().is_err(),
            "no answer before the lint"
        );
        assert_eq!(s.waiting.len(), 1);
        assert!(s.due.contains_key(&None), "the lint it waits for is due");
    }
}
