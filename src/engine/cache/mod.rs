//! The cache of what each YAML/JSON file gives a run, so that a pre-commit run over one changed
//! file does not parse the whole project again for its context. One cache per project root
//! (see [`super::context`]), in `.akslint_cache/` there ([`store`]); files under no root have
//! none, nor has standard input.
//!
//! An entry is keyed by the path the file is shown under (its findings name it), and valid
//! while the file is the one it was made from ([`key`]): the same `stat` (size, modification
//! and change time, inode) when that stat was not too fresh to trust, else the same content
//! hash; and made with the same settings and the same akslint build. It holds the file's facts
//! for the cross-file index and, when the file was reported, the findings of the rules that read
//! it alone ([`entry`]) — never the cross-file findings, which depend on the other files, nor
//! Terraform's, which depend on the whole module and its callers: those are computed every run.
//!
//! A file read for context only gets no per-file findings, so neither does its entry. When a
//! later run names that file, the entry is a *partial* hit: its facts are still right for the
//! other files' sake, but the findings are missing, and the suppressions among the facts must
//! say which of them the per-file findings used — both come from the one pass that parses the
//! file, so the file is linted as any miss and the entry replaced by one with findings (which
//! serves both uses from then on).
//!
//! A cache problem is never the user's: an unreadable, foreign or damaged cache is discarded
//! whole, a directory that cannot be written means no cache, and `--no-cache` turns it off.
//! Output is the same with or without it: a hit gives what linting the file would.

mod entry;
mod key;
mod store;

use super::input;
use super::settings::Settings;
use super::yaml::{FileOutput, Part};
use super::{Job, Options, context::Projects};
use crate::diagnostic::{CacheStats, Finding, LintResult};
use crate::discover::FileJob;
use entry::Rules;
pub(in crate::engine) use key::Hash;
use key::Stat;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;
use store::{Discard, Entry, Origin, Store, Written};

/// What the entries of files of config `i` (of `settings`) are made with: its text, root and
/// index namespace (see [`key::settings`]).
pub(super) fn settings_key(settings: &Settings<'_>, i: usize) -> Hash {
    key::settings(settings.cfg(i), settings.index(i))
}

/// The caches of the projects of one run's files.
pub(super) struct Cache {
    /// Each job's project, by index in `projects` (`None`: not cached).
    of_job: Vec<Option<usize>>,
    projects: Vec<Project>,
    /// Each job's config (see [`super::settings`]).
    config_of_job: Vec<usize>,
    /// Per config: the settings its files' entries are made with, and its size cap.
    settings: Vec<Hash>,
    file_size: Vec<u64>,
    build: String,
    rules: Rules,
    keep_sources: bool,
}

/// One project's cache, as read.
struct Project {
    /// `.akslint_cache` at its root.
    dir: PathBuf,
    store: Store,
    /// A valid cache file was read.
    read: bool,
    /// A cache file was there but not valid: why.
    discarded: Option<Discard>,
}

/// What became of one file: how its entry served, and how it changes.
pub(super) struct Record {
    outcome: Outcome,
    change: Change,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Not cached (no cache, standard input).
    None,
    Hit,
    Verified,
    Partial,
    Miss,
}

enum Change {
    /// The entry stays as it is (or there is none to keep).
    Keep,
    /// The entry is right, and so is this newer origin (its stat changed, or is no longer too
    /// fresh to trust).
    Refresh(Origin),
    New {
        origin: Origin,
        facts: Option<Vec<u8>>,
        /// With its hash.
        report: Option<(Vec<u8>, Hash)>,
    },
    /// The file has no entry now (it could not be read, or was not linted).
    Drop,
}

impl Record {
    /// The job was not cached (standard input, a file under no project root) or not served by
    /// the cache (see [`super::memo`]): its entry, if any, stays as it is.
    pub(super) const NONE: Record = Record {
        outcome: Outcome::None,
        change: Change::Keep,
    };
}

impl Cache {
    /// The caches of the jobs' projects, read (none unless `opts.cache`, nor for
    /// `--parse-only`, which measures parsing). `config_of_job`: each job's config in
    /// `settings`, whose text, root and index namespace key the job's entry. `served`: the
    /// jobs the run has from elsewhere (see [`super::memo`]), for which no cache is read.
    pub fn open(
        jobs: &[Job],
        served: &[bool],
        config_of_job: &[usize],
        projects: &mut Projects,
        settings: &Settings<'_>,
        opts: &Options,
    ) -> Cache {
        let enabled = opts.cache && !opts.parse_only;
        let build = enabled.then(key::build).flatten();
        let mut dirs: BTreeMap<PathBuf, usize> = BTreeMap::new();
        let of_job = jobs
            .iter()
            .zip(served)
            .map(|(j, &served)| match (j, &build) {
                (Job::File(f), Some(_)) if !served => {
                    let dir = projects.root(&f.path)?.join(store::DIR);
                    let next = dirs.len();
                    Some(*dirs.entry(dir).or_insert(next))
                }
                _ => None,
            })
            .collect();
        let build = build.unwrap_or_default();
        let mut by_index: Vec<(usize, PathBuf)> = dirs.into_iter().map(|(d, i)| (i, d)).collect();
        by_index.sort();
        let projects = by_index
            .into_iter()
            .map(|(_, dir)| {
                let (store, discarded) = match store::read(&dir, &build) {
                    Ok(store) => (store, None),
                    Err(why) => (None, Some(why)),
                };
                Project {
                    dir,
                    read: store.is_some(),
                    store: store.unwrap_or_default(),
                    discarded,
                }
            })
            .collect();
        Cache {
            of_job,
            projects,
            config_of_job: config_of_job.to_vec(),
            settings: (0..settings.count())
                .map(|i| settings_key(settings, i))
                .collect(),
            file_size: (0..settings.count())
                .map(|i| settings.cfg(i).limits.file_size)
                .collect(),
            build,
            rules: Rules::new(),
            keep_sources: opts.keep_sources,
        }
    }

    /// What job `i` gives the run: from its entry when that is valid, else from `lint` (handed
    /// the file's bytes, or the finding about why they could not be read), and what becomes of
    /// the entry.
    pub fn lint_file(
        &self,
        i: usize,
        job: &Job,
        part: Part<'_>,
        lint: impl FnOnce(Result<Vec<u8>, Box<Finding>>) -> FileOutput,
    ) -> (FileOutput, Record) {
        let c = self.config_of_job[i];
        let (settings, file_size) = (self.settings[c], self.file_size[c]);
        let (Some(p), Job::File(f)) = (self.of_job[i], job) else {
            return (lint(input::read(job, file_size)), Record::NONE);
        };
        let project = &self.projects[p];
        // The stat is taken before the bytes are read: a change after it shows in the next
        // run's stat.
        let stat = std::fs::metadata(&f.path)
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| Stat::of(&m));
        let Some(stat) = stat else {
            let out = lint(input::read(job, file_size));
            return (out, record(Outcome::Miss, Change::Drop));
        };
        let mut bytes = None;
        let mut outcome = Outcome::Miss;
        let entry = (project.store.get(&f.display)).filter(|e| e.origin.settings == settings);
        if let Some(e) = entry {
            let trusted = e.origin.stat == stat && !e.origin.racy;
            if !trusted && e.origin.stat.len == stat.len {
                match input::read(job, file_size) {
                    Ok(b) => bytes = Some(b),
                    Err(why) => return (lint(Err(why)), record(Outcome::Miss, Change::Drop)),
                }
            }
            let valid =
                trusted || (bytes.as_deref()).is_some_and(|b| key::hash(b) == e.origin.content);
            if valid && part.reported && e.report.is_none() {
                outcome = Outcome::Partial;
            } else if valid
                && let Some(out) = self.restore(project, e, (job, file_size), f, part, &mut bytes)
            {
                if trusted {
                    return (out, record(Outcome::Hit, Change::Keep));
                }
                let origin = Origin {
                    stat,
                    racy: stat.racy(SystemTime::now()),
                    ..e.origin
                };
                let change = match origin == e.origin {
                    true => Change::Keep,
                    false => Change::Refresh(origin),
                };
                return (out, record(Outcome::Verified, change));
            }
        }
        let read = match bytes {
            Some(b) => Ok(b),
            None => input::read(job, file_size),
        };
        let content = read.as_deref().ok().map(key::hash);
        let read_at = SystemTime::now();
        let out = lint(read);
        let change = match content {
            Some(content) if out.linted => {
                let origin = Origin {
                    stat,
                    racy: stat.racy(read_at),
                    content,
                    settings,
                };
                new_entry(&out, f, part, origin)
            }
            _ => Change::Drop,
        };
        (out, record(outcome, change))
    }

    /// What a valid entry says the file gives the run; `None` when a blob does not decode, or
    /// when the text is needed for code frames and the file no longer has the entry's content
    /// (then `bytes` holds what it has now, to be linted).
    fn restore(
        &self,
        project: &Project,
        e: &Entry,
        (job, file_size): (&Job, u64),
        f: &FileJob,
        part: Part<'_>,
        bytes: &mut Option<Vec<u8>>,
    ) -> Option<FileOutput> {
        let name: Arc<str> = Arc::from(f.display.as_str());
        let facts = match e.facts {
            Some(b) => Some(entry::decode_facts(project.store.facts(b), &name)?),
            None => None,
        };
        let mut result = LintResult::default();
        if part.reported {
            let report = project.store.report(e.report?)?;
            result = entry::decode_report(&report, &f.display, &self.rules)?;
            if self.keep_sources && !result.diagnostics.is_empty() {
                let b = match bytes {
                    Some(b) => b,
                    None => bytes.insert(input::read(job, file_size).ok()?),
                };
                if key::hash(b) != e.origin.content {
                    return None;
                }
                let text = input::decode(b, f.kind).ok()?.text;
                result.sources.insert(f.display.clone(), Arc::from(&*text));
            }
        }
        Some(FileOutput {
            result,
            facts: facts.map(|facts| (name, facts)),
            reported: part.reported,
            linted: true,
        })
    }

    /// Writes each project's cache that changed (silently not, when it cannot be written); how
    /// the run used them. `records`: what became of each job.
    pub fn save(self, jobs: &[Job], records: Vec<Record>) -> CacheStats {
        let mut stats = CacheStats::default();
        let mut changes: Vec<Vec<(&str, Change)>> = self.projects.iter().map(|_| vec![]).collect();
        for ((job, r), p) in jobs.iter().zip(records).zip(&self.of_job) {
            match r.outcome {
                Outcome::None => {}
                Outcome::Hit => stats.hits += 1,
                Outcome::Verified => stats.verified += 1,
                Outcome::Partial => stats.partial += 1,
                Outcome::Miss => stats.misses += 1,
            }
            if let (Some(p), Job::File(f)) = (p, job) {
                changes[*p].push((f.display.as_str(), r.change));
            }
        }
        for (project, changes) in self.projects.iter().zip(changes) {
            stats.caches += 1;
            stats.read += usize::from(project.read);
            stats
                .discarded
                .extend(project.discarded.map(Discard::as_str));
            stats.written += usize::from(project.save(changes, &self.build));
        }
        stats
    }
}

fn record(outcome: Outcome, change: Change) -> Record {
    Record { outcome, change }
}

/// The entry of a file just linted (`Drop` when its output is not all in that file).
fn new_entry(out: &FileOutput, f: &FileJob, part: Part<'_>, origin: Origin) -> Change {
    let facts = match &out.facts {
        Some((_, facts)) => match entry::encode_facts(facts) {
            Some(b) => Some(b),
            None => return Change::Drop,
        },
        None => None,
    };
    let report = match part.reported {
        true => match entry::encode_report(&out.result, &f.display) {
            Some(b) => {
                let hash = key::hash(&b);
                Some((b, hash))
            }
            None => return Change::Drop,
        },
        false => None,
    };
    Change::New {
        origin,
        facts,
        report,
    }
}

impl Project {
    /// Writes the cache with this run's changes, when there are any (or the old file was
    /// discarded); whether it was written. Entries of files the run did not see are kept while
    /// their file is there.
    fn save(&self, changes: Vec<(&str, Change)>, build: &str) -> bool {
        // Most warm runs change nothing: then nothing is gathered (the loop below would find
        // the same).
        let unchanged = |(path, c): &(&str, Change)| match c {
            Change::Keep => true,
            Change::Drop => self.store.get(path).is_none(),
            Change::Refresh(_) | Change::New { .. } => false,
        };
        if self.discarded.is_none() && changes.iter().all(unchanged) {
            return false;
        }
        let mut changed = self.discarded.is_some();
        let mut seen = BTreeSet::new();
        let mut entries: BTreeMap<&str, Written<'_>> = BTreeMap::new();
        // The reports of kept entries are copied from the old file, read once (an entry whose
        // report cannot be read keeps its facts: it serves as a context entry).
        let reports = match changes.iter().any(|(_, c)| !matches!(c, Change::Keep))
            || self.discarded.is_some()
        {
            true => self.store.reports(),
            false => None,
        };
        let old = |path, e: &Entry, origin| Written {
            path,
            origin,
            facts: e.facts.map(|b| self.store.facts(b)),
            report: e
                .report
                .and_then(|r| Store::report_in(reports.as_deref()?, r)),
        };
        for (path, change) in &changes {
            seen.insert(*path);
            let e = self.store.get(path);
            let written = match (change, e) {
                (Change::Keep, Some(e)) => old(path, e, e.origin),
                (Change::Refresh(origin), Some(e)) => old(path, e, *origin),
                (
                    Change::New {
                        origin,
                        facts,
                        report,
                    },
                    _,
                ) => Written {
                    path,
                    origin: *origin,
                    facts: facts.as_deref(),
                    report: report.as_ref().map(|(b, hash)| (b.as_slice(), *hash)),
                },
                (Change::Keep | Change::Refresh(_) | Change::Drop, _) => {
                    changed |= e.is_some() && matches!(change, Change::Drop);
                    continue;
                }
            };
            changed |= !matches!(change, Change::Keep);
            entries.insert(path, written);
        }
        if !changed {
            return false;
        }
        for (path, e) in self.store.entries() {
            if !seen.contains(path) && Path::new(path).is_file() {
                entries.insert(path, old(path, e, e.origin));
            }
        }
        let entries: Vec<Written<'_>> = entries.into_values().collect();
        store::write(&self.dir, build, &entries).is_ok()
    }
}
