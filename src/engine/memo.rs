//! The facts of a project's files read for context, kept in memory between runs by a caller
//! that lints the same project again and again: the language server, whose every keystroke
//! lints the open buffers against the rest of the project. They live in the project's walk
//! ([`super::ProjectWalk`], see [`super::Options::project_walk`]) and go with it: the walk is
//! as good as the files on disk, and the server drops it when something changes there. A run
//! given a walk takes each context file's facts from here when they were made with the same
//! settings, and keeps those it had to read (from the cache at the project's root, or by
//! linting the file): no `stat`, read, hash or decoding of the project's 1,000 other files per
//! keystroke. The files a run reports never come from here (a named file, standard input).

use super::Job;
use super::cache::{Hash, settings_key};
use super::settings::Settings;
use super::yaml::FileOutput;
use crate::diagnostic::LintResult;
use crate::index::FileFacts;
use crate::index::terraform::TfFacts;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

/// Per file, by its path: what a run read of it for context.
#[derive(Default)]
pub(super) struct Memo {
    files: Mutex<HashMap<PathBuf, Kept>>,
    /// The Terraform facts of the project's modules, kept by a run that read Terraform for
    /// context only (see [`super::lint_with`]): the project's modules loaded, evaluated, and
    /// nothing of them reported.
    terraform: Mutex<Option<TfFacts>>,
}

struct Kept {
    /// The settings the facts were made with (as the cache's entries are keyed).
    settings: Hash,
    facts: Option<(Arc<str>, FileFacts)>,
    linted: bool,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Memo({} files)", self.lock().len())
    }
}

impl Memo {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Kept>> {
        // What a panicking run left is whole entries only (each inserted at once).
        self.files.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// What each job gives the run from memory: a context file (not `reported`) whose facts
    /// were kept with the settings of its config (`of_job`); `None` for the rest.
    pub fn serve(
        &self,
        jobs: &[Job],
        of_job: &[usize],
        reported: impl Fn(usize, &Job) -> bool,
        settings: &Settings<'_>,
    ) -> Vec<Option<FileOutput>> {
        let keys = settings_keys(settings);
        let files = self.lock();
        jobs.iter()
            .enumerate()
            .map(|(i, job)| {
                let Job::File(f) = job else { return None };
                if reported(i, job) {
                    return None;
                }
                let kept = files.get(&f.path)?;
                (kept.settings == keys[of_job[i]]).then(|| FileOutput {
                    result: LintResult::default(),
                    facts: kept.facts.clone(),
                    reported: false,
                    linted: kept.linted,
                })
            })
            .collect()
    }

    /// Keeps what the run read of the context files it did not have (`served[i]` false).
    pub fn keep(
        &self,
        jobs: &[Job],
        of_job: &[usize],
        outputs: &[FileOutput],
        served: &[bool],
        settings: &Settings<'_>,
    ) {
        let keys = settings_keys(settings);
        let mut files = self.lock();
        for (i, (job, out)) in jobs.iter().zip(outputs).enumerate() {
            let Job::File(f) = job else { continue };
            if served[i] || out.reported {
                continue;
            }
            let kept = Kept {
                settings: keys[of_job[i]],
                facts: out.facts.clone(),
                linted: out.linted,
            };
            files.insert(f.path.clone(), kept);
        }
    }
}

impl Memo {
    /// The Terraform facts kept, if any.
    pub fn terraform(&self) -> Option<TfFacts> {
        self.terraform
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn keep_terraform(&self, facts: &TfFacts) {
        *self
            .terraform
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(facts.clone());
    }
}

fn settings_keys(settings: &Settings<'_>) -> Vec<Hash> {
    (0..settings.count())
        .map(|i| settings_key(settings, i))
        .collect()
}
