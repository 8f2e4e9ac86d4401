//! The pipeline, as orchestration only: discover the inputs, then lint the YAML/JSON files (each
//! read, parsed, checked and finished in one task, its tree dropped right after: memory grows
//! with findings, not with the bytes of the repository) and the Terraform modules (loaded
//! together, indexed, then checked instance by instance; their trees live for the whole run),
//! then sort.
//!
//! | stage | module |
//! |---|---|
//! | which rules run, and on what | [`dispatch`] |
//! | reading one input (size cap, binary, UTF-8) | [`input`] |
//! | the rest of the project, for the cross-file rules | [`context`] |
//! | what each YAML/JSON file gave the last run, when it is still the same | [`cache`] |
//! | YAML/JSON: load → check and index | [`yaml`] |
//! | Terraform: load → index → check | [`terraform`] |
//! | the cross-file rules, on the index of every file | [`cross`] |
//! | suppressions, config filter, positions — the same for every file | [`finish`] |
//! | each finding's fingerprint, its path relative to its project | [`fingerprints`] |

mod cache;
mod context;
mod cross;
mod dispatch;
mod fingerprints;
mod finish;
mod input;
mod terraform;
mod yaml;

use crate::config::Config;
use crate::diagnostic::LintResult;
use crate::discover::{self, FileJob, FileKind, Skipped};
use crate::rules::linter;
use cache::Cache;
use context::Projects;
use dispatch::RuleSet;
use finish::FileText;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

pub use context::{Context, project_root};

/// What to lint.
#[derive(Debug, Clone)]
pub enum Input {
    Path(PathBuf),
    /// Text read from standard input, shown under `name`.
    Stdin {
        name: String,
        bytes: Vec<u8>,
    },
}

/// The most worker threads a run starts: more buys nothing on any machine we know, and thread
/// start-up grows with the count (4,096 threads take seconds before any work is done).
pub const MAX_THREADS: usize = 256;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Parse only: same discovery, reads and parsing; no rules, no findings but parse errors.
    pub parse_only: bool,
    /// Worker threads (default: all cores; at most [`MAX_THREADS`]).
    pub threads: Option<usize>,
    /// Keep the text of files with findings (for code frames).
    pub keep_sources: bool,
    /// Terraform `--var-file`s for root modules, in order (later ones win).
    pub var_files: Vec<PathBuf>,
    /// What the cross-file rules see: what is named (the default), the rest of its project
    /// too, or nothing (see [`context`]).
    pub context: Context,
    /// The namespace of objects that name none; else the config's, else `default`.
    pub namespace: Option<String>,
    /// `exclude` applies to the named files too (pre-commit names every changed file).
    pub force_exclude: bool,
    /// Use and update the cache at each project's root (see [`cache`]): the command line's
    /// default (`--no-cache` turns it off), not the library's.
    pub cache: bool,
    /// Bytes of Terraform source whose syntax trees the run keeps while no evaluation holds
    /// them (default [`TREE_BUDGET`]); past it they are parsed again when needed. Tests set 0
    /// to check that parsing again changes nothing.
    pub terraform_trees: Option<usize>,
}

pub use terraform::TREE_BUDGET;

/// One YAML/JSON input.
#[derive(Debug)]
enum Job {
    File(FileJob),
    Stdin { name: String, bytes: Vec<u8> },
}

/// Lints the inputs. `Err` only for a usage problem (a named path that does not exist).
pub fn lint(inputs: &[Input], cfg: &Config, opts: &Options) -> Result<LintResult, String> {
    let paths: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Path(p) => Some(p.clone()),
            Input::Stdin { .. } => None,
        })
        .collect();
    let threads = opts.threads.unwrap_or(0).min(MAX_THREADS);
    let mut found = discover::discover(&paths, cfg, opts.force_exclude, threads)?;
    let set = RuleSet::new(cfg, opts.parse_only);
    let index = default_namespace(&set, cfg, opts);
    let context = match (index, opts.context) {
        (Some(_), Context::Project) => {
            let stdin = inputs.iter().find_map(|i| match i {
                Input::Stdin { name, .. } => stdin_path(name),
                Input::Path(_) => None,
            });
            context::project_context(&paths, stdin, &found, cfg, threads)?
        }
        _ => Default::default(),
    };
    let mut walked = std::mem::take(&mut found.walked);
    walked.extend(context.walked);
    let reported = found.files.len();
    let (piped, stdin_tf) = stdin_inputs(inputs);
    let mut jobs: Vec<Job> = std::mem::take(&mut found.files)
        .into_iter()
        .chain(context.files)
        .map(Job::File)
        .collect();
    jobs.extend(piped);
    let mut projects = Projects::new(walked);
    let cache = Cache::open(&jobs, &mut projects, cfg, opts, index);
    let pool = pool(threads);
    let linted: Vec<(yaml::FileOutput, cache::Record)> = pool.install(|| {
        jobs.par_iter()
            .enumerate()
            .map(|(i, j)| {
                // Standard input and the named files are reported; the rest is context.
                let reported = i < reported || matches!(j, Job::Stdin { .. });
                let part = yaml::Part { reported, index };
                cache.lint_file(i, j, part, |read| {
                    yaml::lint_read(j, read, part, &set, cfg, opts)
                })
            })
            .collect()
    });
    let (files, records): (Vec<_>, Vec<_>) = linted.into_iter().unzip();
    let cache_stats = cache.save(&jobs, records);
    let tf = terraform::Inputs {
        dirs: &found.modules,
        named: &found.named_modules,
        var_files: &found.named_var_files,
        stdin: &stdin_tf,
        context: if set.reads_terraform_facts() {
            &context.modules
        } else {
            &[]
        },
    };
    let (mut modules, tf_facts) = pool.install(|| terraform::lint_modules(&tf, &set, cfg, opts));
    let mut result = skipped(&found, &set, cfg, opts);
    result.judged.dirs = paths
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| discover::display(p))
        .collect();
    result.cache = Box::new(cache_stats);
    let reading_key_vault = cross::reading_key_vault(&jobs, &files, &mut projects);
    let indexed = absorb_files(&mut result, &jobs, files);
    if index.is_some() {
        cross::key_vault_read_elsewhere(
            &mut modules.diagnostics,
            &reading_key_vault,
            &mut projects,
        );
        let mut part =
            pool.install(|| cross::lint(indexed, tf_facts, &mut projects, &set, cfg, opts));
        sort_and_dedup(&mut part.diagnostics);
        result.absorb(part);
    }
    sort_and_dedup(&mut modules.diagnostics);
    result.absorb(modules);
    // Parts were de-duplicated on their own: two inputs shown under one name (standard input
    // named like a file) keep their findings apart.
    result
        .diagnostics
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    fingerprints::assign(&mut result, &mut projects);
    Ok(result)
}

/// The namespace of objects that name none, when the manifests' facts are extracted and the
/// cross-file index built (`None`: they are not: no rule reads them, `--no-context`, or
/// parse-only).
fn default_namespace<'o>(set: &RuleSet<'_>, cfg: &'o Config, opts: &'o Options) -> Option<&'o str> {
    (set.reads_manifest_facts() && !opts.parse_only && opts.context != Context::Off).then(|| {
        opts.namespace
            .as_deref()
            .or(cfg.file.namespace.as_deref())
            .unwrap_or("default")
    })
}

/// AKS001 and AKS006 for what discovery found but did not lint.
fn skipped(
    found: &discover::Discovered,
    set: &RuleSet<'_>,
    cfg: &Config,
    opts: &Options,
) -> LintResult {
    let mut result = LintResult::default();
    if !opts.parse_only {
        for (file, skipped) in &found.skipped {
            result.judged.files.push(file.clone());
            let empty = FileText::new(file, "");
            result.diagnostics.extend(finish::finish(
                &empty,
                vec![skip_finding(skipped)],
                &mut [],
                set,
                cfg,
                false,
            ));
        }
    }
    result
}

/// Takes each file's findings into the result; returns the facts of those that have some, for
/// the cross-file stage.
fn absorb_files<'j>(
    result: &mut LintResult,
    jobs: &'j [Job],
    files: Vec<yaml::FileOutput>,
) -> Vec<cross::Indexed<'j>> {
    let mut indexed = Vec::new();
    for (job, file) in jobs.iter().zip(files) {
        if let Some((name, facts)) = file.facts {
            indexed.push(cross::Indexed {
                file: name,
                facts,
                reported: file.reported,
                job,
            });
        }
        let mut part = file.result;
        if file.reported {
            part.judged.files.push(match job {
                Job::File(f) => f.display.clone(),
                Job::Stdin { name, .. } => name.clone(),
            });
        }
        sort_and_dedup(&mut part.diagnostics);
        result.absorb(part);
    }
    indexed
}

/// The findings of one part (a file, or the Terraform modules, where a child module evaluated
/// through two callers says the same thing twice), sorted, each once.
fn sort_and_dedup(diags: &mut Vec<crate::diagnostic::Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
}

/// Standard input, classified by its name as a file is: YAML/JSON jobs, and Terraform files
/// (each a module of its own).
fn stdin_inputs(inputs: &[Input]) -> (Vec<Job>, Vec<terraform::StdinFile>) {
    let mut jobs = Vec::new();
    let mut tf = Vec::new();
    for i in inputs {
        let Input::Stdin { name, bytes } = i else {
            continue;
        };
        let (name, bytes) = (name.clone(), bytes.clone());
        if discover::classify(name.as_ref()) == Some(FileKind::Terraform) {
            tf.push(terraform::StdinFile { name, bytes });
        } else {
            jobs.push(Job::Stdin { name, bytes });
        }
    }
    (jobs, tf)
}

/// AKS001 for what could not be read, AKS006 for what must be rendered first.
fn skip_finding(s: &Skipped) -> crate::diagnostic::Finding {
    match s {
        Skipped::Unreadable(e) => linter::unwalkable(e),
        Skipped::BrokenLink(e) => linter::broken_link(e),
        Skipped::NotRegular(what) => linter::not_regular_file(what),
        Skipped::Kustomization { dir } => linter::kustomization(dir),
        Skipped::KustomizePatch { kustomization, dir } => {
            linter::kustomize_patch(kustomization, dir)
        }
        Skipped::HelmChart { files, chart } => linter::helm_chart(*files, chart),
    }
}

/// Standard input's name as a path, when it names a file or a file in an existing directory
/// (an editor's buffer): its project is the context. `<stdin>` is no path.
pub(super) fn stdin_path(name: &str) -> Option<&Path> {
    let p = Path::new(name);
    let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
    (p.is_file() || dir.is_some_and(Path::is_dir)).then_some(p)
}

fn pool(threads: usize) -> rayon::ThreadPool {
    // Our parser and tree are iterative, but keep generous stacks for the third-party parser.
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.min(MAX_THREADS))
        .stack_size(8 << 20)
        .build()
        .expect("thread pool")
}
