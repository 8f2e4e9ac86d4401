//! Linting off the main loop: a few worker threads, each taking a snapshot of one project's
//! open documents (their text, version and stamp, the `--config`, the position encoding), linting
//! it (see [`lint`]) and sending back each document's findings as LSP diagnostics, named by the
//! stamp of the text they are for. The main loop drops what is for a text the document no
//! longer has.

use super::convert::{self, Encoding};
use super::lint;
use crate::diagnostic::Diagnostic;
use crossbeam_channel::{Receiver, Sender};
use lsp_types as lsp;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The open documents linted together: those of one project (`None`: under no project root).
pub type Group = Option<PathBuf>;

/// One open document as it was when its project's lint was asked for.
pub struct SnapDoc {
    pub uri: String,
    pub path: Option<PathBuf>,
    /// Names this text among all the document's texts (see [`super::documents::Document`]).
    pub stamp: u64,
    pub version: i32,
    pub text: String,
}

/// What a lint works from: nothing of the server's state, so it can run while the main loop
/// goes on.
pub struct Snapshot {
    pub group: Group,
    pub docs: Vec<SnapDoc>,
    /// `--config`: one akslint.toml for every file.
    pub config: Option<PathBuf>,
    pub enc: Encoding,
    /// Where relative paths in findings (other files of the project) are from.
    pub cwd: PathBuf,
    /// The project's walk, when the server keeps one (else the lint walks the project).
    pub walk: Option<Arc<crate::engine::ProjectWalk>>,
    /// The server's count of changes on disk when the snapshot was taken: a walk made from it
    /// is kept only if nothing changed on disk since.
    pub epoch: u64,
}

/// A document's lint.
pub struct LintedDoc {
    pub uri: String,
    pub stamp: u64,
    pub version: i32,
    /// For code actions and hovers.
    pub findings: Vec<Diagnostic>,
    pub diagnostics: Vec<lsp::Diagnostic>,
}

/// A project's lint: each of its snapshot's documents, in order.
pub struct Outcome {
    pub group: Group,
    pub docs: Vec<LintedDoc>,
    /// The project's walk the lint used, and the snapshot's epoch.
    pub walk: Option<Arc<crate::engine::ProjectWalk>>,
    pub epoch: u64,
}

/// The workers: snapshots go in, outcomes come out (in the order they finish).
pub struct Pool {
    jobs: Sender<Snapshot>,
    pub results: Receiver<Outcome>,
}

impl Pool {
    /// Starts `threads` workers. They end when the pool is dropped and their lint is done;
    /// nobody waits for them (the process may end during a lint: the cache is written to a
    /// temporary file and renamed).
    pub fn new(threads: usize) -> Pool {
        let (jobs, queue) = crossbeam_channel::unbounded::<Snapshot>();
        let (done, results) = crossbeam_channel::unbounded();
        for _ in 0..threads.max(1) {
            let (queue, done) = (queue.clone(), done.clone());
            std::thread::spawn(move || {
                while let Ok(snapshot) = queue.recv() {
                    if done.send(run(snapshot)).is_err() {
                        break;
                    }
                }
            });
        }
        Pool { jobs, results }
    }

    pub fn submit(&self, snapshot: Snapshot) {
        // The workers end only with the pool.
        let _ = self.jobs.send(snapshot);
    }
}

/// Lints a snapshot's documents together. Documents that are no file (`untitled:`) are not
/// linted: no path gives no config, no project and no kind.
pub fn run(s: Snapshot) -> Outcome {
    let files: Vec<(&Path, &str)> = s
        .docs
        .iter()
        .filter_map(|d| Some((d.path.as_deref()?, d.text.as_str())))
        .collect();
    // A panic in a rule costs this lint, not the session.
    let config = s.config.as_deref();
    let given = s.walk.clone();
    let linted = std::panic::catch_unwind(|| lint::lint(&files, config, given))
        .unwrap_or_else(|_| Err("akslint: internal error while linting this file".into()));
    let mut walk = None;
    let mut linted = match linted {
        Ok(l) => {
            walk = l.walk;
            l.docs.into_iter().map(Ok).collect::<Vec<_>>()
        }
        Err(e) => files.iter().map(|_| Err(e.clone())).collect(),
    }
    .into_iter();
    let open_text = |p: &Path| {
        s.docs
            .iter()
            .find(|d| d.path.as_deref() == Some(p))
            .map(|d| d.text.clone())
    };
    let mut docs = Vec::new();
    for doc in &s.docs {
        // `files` holds the documents with a path, in order.
        let result = if doc.path.is_some() {
            linted.next()
        } else {
            None
        };
        let (findings, diagnostics) = match result {
            Some(Ok(l)) => {
                let diagnostics = diagnostics(&doc.uri, &doc.text, &l, s.enc, &s.cwd, open_text);
                (l.diagnostics, diagnostics)
            }
            Some(Err(e)) => (Vec::new(), vec![convert::not_linted(&e)]),
            None => (Vec::new(), Vec::new()),
        };
        docs.push(LintedDoc {
            uri: doc.uri.clone(),
            stamp: doc.stamp,
            version: doc.version,
            findings,
            diagnostics,
        });
    }
    Outcome {
        group: s.group,
        docs,
        walk,
        epoch: s.epoch,
    }
}

/// A document's findings as LSP diagnostics. `open_text`: the text of an open document of
/// another file (a related location's), else the file on disk is read.
pub fn diagnostics(
    uri: &str,
    text: &str,
    linted: &lint::Linted,
    enc: Encoding,
    cwd: &Path,
    open_text: impl Fn(&Path) -> Option<String>,
) -> Vec<lsp::Diagnostic> {
    let own: Option<lsp::Uri> = uri.parse().ok();
    let lines = convert::Lines::new(text);
    // Each other file is read once, however many findings point into it.
    let mut others: std::collections::HashMap<String, Option<(lsp::Uri, Option<String>)>> =
        std::collections::HashMap::new();
    linted
        .diagnostics
        .iter()
        .map(|d| {
            convert::diagnostic(d, &lines, enc, linted.docs_url.as_deref(), |file| {
                if file == linted.name {
                    return own.clone().map(|u| (u, None));
                }
                others
                    .entry(file.to_string())
                    .or_insert_with(|| {
                        let path = cwd.join(file);
                        let uri = convert::path_to_uri(&path)?;
                        let text = open_text(&path)
                            .unwrap_or_else(|| std::fs::read_to_string(&path).unwrap_or_default());
                        Some((uri, Some(text)))
                    })
                    .clone()
            })
        })
        .collect()
}
