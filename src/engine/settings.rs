//! What each input is linted with: the config that applies to it (see [`crate::configs`]), that
//! config's rule set, and the default namespace of its objects in the cross-file index. Each
//! stage of a run builds them from the configs known when it starts (the YAML/JSON stage after
//! discovery, the Terraform and cross-file stages after the Terraform load), every input of the
//! stage looked up before: each input's config is one of them, at the same index in both.

use super::context::Context;
use super::dispatch::{Reads, RuleSet};
use super::{Job, Options, stdin_path};
use crate::config::Config;
use crate::configs::{Configs, DEFAULTS};
use std::path::Path;

pub(super) struct Settings<'c> {
    configs: &'c Configs<'c>,
    cfgs: &'c [&'c Config],
    sets: Vec<RuleSet<'c>>,
    /// Per config: the namespace of objects that name none, when facts are extracted for the
    /// cross-file index (`None`: no index in this run).
    index: Vec<Option<&'c str>>,
    needs: Needs,
}

/// What the run extracts for the cross-file rules, as the configs of its files decide (never
/// the defaults' all rules when no file goes by them).
#[derive(Clone, Copy)]
pub(super) struct Needs {
    /// The manifests' facts, in the cross-file index (see [`indexing`]).
    pub index: bool,
    /// Terraform's facts, for the cross-layer rules.
    pub terraform_facts: bool,
}

impl<'c> Settings<'c> {
    pub fn new(
        configs: &'c Configs<'c>,
        cfgs: &'c [&'c Config],
        needs: Needs,
        opts: &'c Options,
    ) -> Self {
        let sets: Vec<RuleSet<'c>> = cfgs
            .iter()
            .map(|c| RuleSet::new(c, opts.parse_only))
            .collect();
        let index = cfgs
            .iter()
            .map(|c| needs.index.then(|| namespace(c, opts)))
            .collect();
        Settings {
            configs,
            cfgs,
            sets,
            index,
            needs,
        }
    }

    /// The config of a file (or of the name standard input is shown under).
    pub fn of(&self, file: &Path) -> usize {
        let i = self.configs.of_file(file);
        // Every config was loaded before the settings were built; a file whose config was not
        // (none should be) gets the defaults in a release build rather than a panic.
        debug_assert!(i < self.cfgs.len(), "{}: config not loaded", file.display());
        if i < self.cfgs.len() { i } else { DEFAULTS }
    }

    /// The config of a job.
    pub fn of_job(&self, job: &Job) -> usize {
        match job {
            Job::File(f) => self.of(&f.path),
            Job::Stdin { name, .. } => self.of(stdin_path(name).unwrap_or(Path::new(name))),
        }
    }

    pub fn cfg(&self, i: usize) -> &'c Config {
        self.cfgs[i]
    }

    pub fn set(&self, i: usize) -> &RuleSet<'c> {
        &self.sets[i]
    }

    /// The default namespace of config `i`'s files in the index (`None`: no index).
    pub fn index(&self, i: usize) -> Option<&'c str> {
        self.index[i]
    }

    /// Whether the cross-file index is built at all.
    pub fn indexing(&self) -> bool {
        self.index.iter().any(Option::is_some)
    }

    /// Whether the configs of the run's files run a cross-layer rule (so Terraform facts are
    /// extracted).
    pub fn reads_terraform_facts(&self) -> bool {
        self.needs.terraform_facts
    }

    /// Whether rules run at all (not `--parse-only`).
    pub fn checks(&self) -> bool {
        !self.sets.is_empty() && self.sets[0].checks()
    }

    /// How many configs there are (indexed from 0).
    pub fn count(&self) -> usize {
        self.cfgs.len()
    }

    /// Notes that the file shown as `file` is judged with config `i` (for `--verbose`).
    pub fn note_use(&self, i: usize, file: &str) {
        self.configs.note_use(i, file);
    }
}

/// Whether the manifests' facts are extracted and the cross-file index built: some config's
/// rules read them, and neither `--no-context` nor `--parse-only` is on.
pub(super) fn indexing(reads: &[Reads], opts: &Options) -> bool {
    !opts.parse_only && opts.context != Context::Off && reads.iter().any(|r| r.manifest_facts)
}

/// The namespace of objects that name none: `--namespace`, else the config's, else `default`.
fn namespace<'o>(cfg: &'o Config, opts: &'o Options) -> &'o str {
    opts.namespace
        .as_deref()
        .or(cfg.file.namespace.as_deref())
        .unwrap_or("default")
}
