//! The walk of one named directory: ripgrep's walker (`.gitignore` and `.ignore` honoured even
//! outside a git repository, hidden directories walked, `.git/` and `.terraform/` skipped), on as
//! many threads as the run's pool has (a pre-commit run walks the whole project for its context:
//! tens of thousands of `stat`s and directory reads that both cores share). Each thread keeps
//! what it finds and hands it over when it ends; nothing depends on the order things are found
//! in (the files are a sorted set, the directories sets, the skipped sorted by path).

use super::{Skipped, Walked, classify, display, special_kind};
use crate::configs::{Configs, Held};
use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkState};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What a walk found.
#[derive(Default)]
pub(super) struct Found {
    /// Regular files (or links to them) with a linted extension, not excluded.
    pub files: Vec<PathBuf>,
    pub skipped: Vec<(String, Skipped)>,
    pub walked: Walked,
}

/// Walks `dir` on `threads` threads (0: one per core).
pub(super) fn walk(dir: &Path, configs: &Configs<'_>, threads: usize) -> Found {
    let gits = Arc::new(Mutex::new(Vec::new()));
    let seen = gits.clone();
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .parents(true)
        .follow_links(false)
        .threads(threads)
        .filter_entry(move |e| match e.file_name().to_str() {
            Some(".git") => {
                if let (Some(dir), Ok(mut seen)) = (e.path().parent(), seen.lock()) {
                    seen.push(dir.to_path_buf());
                }
                false
            }
            Some(".terraform") => false,
            _ => true,
        })
        .build_parallel();
    let all = Mutex::new(Found::default());
    walker.visit(&mut Builder { configs, all: &all });
    let mut found = all.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Ok(gits) = gits.lock() {
        let markers = gits.iter().map(|d| d.as_os_str().to_owned());
        found.walked.markers.extend(markers);
    }
    found.skipped.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

struct Builder<'a> {
    configs: &'a Configs<'a>,
    all: &'a Mutex<Found>,
}

impl<'a> ParallelVisitorBuilder<'a> for Builder<'a> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 'a> {
        Box::new(Visitor {
            configs: self.configs,
            all: self.all,
            mine: Found::default(),
            last_dir: None,
        })
    }
}

/// One thread's share of the walk, handed over when the thread is done with it.
struct Visitor<'a> {
    /// Each file's `exclude` is its own config's.
    configs: &'a Configs<'a>,
    all: &'a Mutex<Found>,
    mine: Found,
    /// The directory of the last file asked about, and its config.
    last_dir: Option<(OsString, Held<'a>)>,
}

impl Drop for Visitor<'_> {
    fn drop(&mut self) {
        let mine = std::mem::take(&mut self.mine);
        let mut all = self.all.lock().unwrap_or_else(|e| e.into_inner());
        all.files.extend(mine.files);
        all.skipped.extend(mine.skipped);
        all.walked.extend(mine.walked);
    }
}

impl ParallelVisitor for Visitor<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        match entry {
            Ok(e) => self.entry(&e),
            Err(err) => {
                let (file, msg) = walk_error(&err);
                self.mine.skipped.push((file, Skipped::Unreadable(msg)));
            }
        }
        WalkState::Continue
    }
}

impl Visitor<'_> {
    /// Whether the `exclude` of the file's config excludes it. A thread's files come a
    /// directory at a time: the config of the last directory is kept (looking one up locks
    /// the shared map and hashes the directory's path).
    fn excluded(&mut self, file: &Path) -> bool {
        let dir = file.parent().unwrap_or(Path::new(""));
        if !matches!(&self.last_dir, Some((last, _)) if last == dir.as_os_str()) {
            let config = self.configs.get(self.configs.of_dir(dir));
            self.last_dir = Some((dir.as_os_str().to_owned(), config));
        }
        self.last_dir
            .as_ref()
            .is_some_and(|(_, config)| config.excluded(file))
    }

    fn entry(&mut self, e: &DirEntry) {
        let Some(ft) = e.file_type() else { return };
        let walked = &mut self.mine.walked;
        if ft.is_dir() {
            walked.dirs.insert(e.path().as_os_str().to_owned());
        } else if e.file_name() == crate::config::FILE_NAME {
            let dir = e.path().parent().unwrap_or(Path::new(""));
            walked.markers.insert(dir.as_os_str().to_owned());
        }
        if classify(e.path()).is_none() || self.excluded(e.path()) {
            return;
        }
        let out = &mut self.mine;
        if ft.is_file() {
            out.files.push(e.path().to_path_buf());
        } else if ft.is_symlink() {
            // Links to manifests are linted under the link's path; a broken one is reported
            // rather than silently passed over.
            match std::fs::metadata(e.path()) {
                Ok(m) if m.is_file() => out.files.push(e.path().to_path_buf()),
                Ok(m) if m.is_dir() => {}
                Ok(m) => out
                    .skipped
                    .push((display(e.path()), Skipped::NotRegular(special_kind(&m)))),
                Err(err) => out
                    .skipped
                    .push((display(e.path()), Skipped::BrokenLink(err.to_string()))),
            }
        } else if !ft.is_dir() {
            let what =
                std::fs::symlink_metadata(e.path()).map_or("special file", |m| special_kind(&m));
            out.skipped
                .push((display(e.path()), Skipped::NotRegular(what)));
        }
    }
}

fn walk_error(err: &ignore::Error) -> (String, String) {
    match err {
        ignore::Error::WithPath { path, err } => (display(path), err.to_string()),
        ignore::Error::WithDepth { err, .. } => walk_error(err),
        ignore::Error::WithLineNumber { err, .. } => walk_error(err),
        other => (String::new(), other.to_string()),
    }
}
