//! The pipeline, as orchestration only: discover the inputs, then lint the YAML/JSON files (each
//! read, parsed, checked and finished in one task, its tree dropped right after: memory grows
//! with findings, not with the bytes of the repository) and the Terraform modules (loaded
//! together, indexed, then checked instance by instance; their trees live for the whole run),
//! then sort.
//!
//! | stage | module |
//! |---|---|
//! | which config, rules and namespace each input is linted with | [`settings`] |
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
mod memo;
mod settings;
mod terraform;
mod yaml;

use crate::config::{Config, Limits};
use crate::configs::Configs;
use crate::diagnostic::LintResult;
use crate::discover::{self, FileJob, FileKind, Skipped};
use crate::rules::linter;
use crate::terraform::plan;
use cache::Cache;
use context::Projects;
use dispatch::Reads;
use finish::FileText;
use rayon::prelude::*;
use settings::Settings;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

pub use context::{Context, ProjectWalk, project_root};

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
    /// Standard input named like a file found under the named paths replaces that file (the
    /// `--fix` loop's new texts, linted with the rest of the run). Without it both are linted,
    /// their findings kept apart (the command line's `check . - --stdin-filename a.yaml`). A
    /// Terraform file on standard input always stands in for its file, in its directory's
    /// module.
    pub stdin_replaces: bool,
    /// The walk of the projects of what is named (see [`walk_projects`]), kept by the caller:
    /// the project context is taken from it instead of walking the projects again. Without
    /// it, they are walked (when the context is the project).
    pub project_walk: Option<std::sync::Arc<ProjectWalk>>,
}

/// Walks the projects of `inputs` (the paths named, and the names standard input is shown
/// under) for their context, as a run does, with the configs that apply, on `threads` threads
/// (0: all cores): for [`Options::project_walk`].
pub fn walk_projects(
    inputs: &[Input],
    configs: &Configs<'_>,
    threads: usize,
) -> Result<ProjectWalk, String> {
    let paths = named_paths(inputs);
    context::walk_projects(
        &paths,
        &stdin_files(inputs),
        configs,
        threads.min(MAX_THREADS),
    )
}

pub use terraform::TREE_BUDGET;

/// One YAML/JSON input.
#[derive(Debug)]
enum Job {
    File(FileJob),
    Stdin { name: String, bytes: Vec<u8> },
}

/// Lints the inputs with one config for every path (as `--config` does). `Err` only for a
/// usage problem (a named path that does not exist).
pub fn lint(inputs: &[Input], cfg: &Config, opts: &Options) -> Result<LintResult, String> {
    lint_with(inputs, &Configs::one(cfg), opts)
}

/// Lints the inputs, each file with the config that applies to it (see [`crate::configs`]).
/// `Err` for a usage problem (a named path that does not exist) or a config that does not load.
///
/// The config of every file is looked up (and loaded) before a stage lints it: the walks look
/// up what they find, the YAML/JSON stage's files and the Terraform load's are looked up before
/// their stage. Each file is linted with its own config's rules, and each config's cross-file
/// rules run on the whole project's index, their findings kept in the files that config applies
/// to.
pub fn lint_with(
    inputs: &[Input],
    configs: &Configs<'_>,
    opts: &Options,
) -> Result<LintResult, String> {
    let threads = opts.threads.unwrap_or(0).min(MAX_THREADS);
    let pool = pool(threads);
    // The whole run on the pool, as one job: each stage's `install` then runs where it is, and a
    // run hands work to the pool's threads (and waits for them) once, not once per stage — for
    // a small input (an editor's buffer, a fuzzed one) the hand-offs were most of its time.
    pool.install(|| lint_on(inputs, configs, opts, threads, &pool))
}

/// [`lint_with`] on a pool of `threads` threads (0: all cores).
fn lint_on(
    inputs: &[Input],
    configs: &Configs<'_>,
    opts: &Options,
    threads: usize,
    pool: &rayon::ThreadPool,
) -> Result<LintResult, String> {
    let paths = named_paths(inputs);
    let mut found = discover::discover(&paths, configs, opts.force_exclude, threads)?;
    if opts.stdin_replaces {
        context::drop_replaced(&mut found.files, &stdin_files(inputs));
    }
    // The configs of what is reported decide whether the index is built (and the project read
    // for context); with those of the context, whether Terraform's facts are extracted.
    let mut used = reported_configs(inputs, &paths, &found, configs);
    let (indexing, _) = what_sets_read(configs, &used, opts);
    let mut context = match (indexing, opts.context) {
        (true, Context::Project) => match &opts.project_walk {
            Some(walk) => context::from_walk((**walk).clone(), &stdin_files(inputs), &found),
            None => {
                context::project_context(&paths, &stdin_files(inputs), &found, configs, threads)?
            }
        },
        _ => Default::default(),
    };
    used.extend(context.files.iter().map(|f| configs.of_file(&f.path)));
    let reads_tf_facts = what_sets_read(configs, &used, opts).1;
    // Every file's config is loaded before the settings are built from them (that of each
    // named path too: one that does not load is an error even with no file under it).
    for (name, _) in &found.skipped {
        configs.of_file(Path::new(name));
    }
    if let Some(e) = configs.error() {
        return Err(e);
    }
    let needs = settings::Needs {
        index: indexing,
        terraform_facts: reads_tf_facts,
    };
    let (piped, stdin_tf, mut plans) = stdin_inputs(inputs, configs);
    // Terraform plans among the `.json` files go to the Terraform stage, not to the manifests';
    // those of the project context are not read.
    plans.extend(split_plans(&mut found.files, configs, pool));
    split_plans(&mut context.files, configs, pool);
    // The YAML/JSON files first, each tree dropped after its file: the Terraform project is
    // loaded after them, so that the two never hold their memory at once.
    let linted = configs.with_all(|all| {
        let settings = Settings::new(configs, all, needs, opts);
        let run = Run {
            settings: &settings,
            opts,
            pool,
        };
        run.yaml(&mut found, &mut context, piped)
    });
    // When the run reads Terraform for the cross-layer rules' facts only (the project's modules
    // as context: a language server's manifest buffers), a kept walk holds those facts from the
    // run before (see [`memo`]): the modules are not loaded and evaluated again.
    let context_only = found.modules.is_empty()
        && found.named_modules.is_empty()
        && found.named_var_files.is_empty()
        && stdin_tf.is_empty()
        && plans.is_empty();
    let tf_memo = (reads_tf_facts && context_only)
        .then(|| opts.project_walk.as_deref().map(ProjectWalk::memo))
        .flatten();
    let kept_tf = tf_memo.and_then(memo::Memo::terraform);
    let tf = terraform::Inputs {
        dirs: &found.modules,
        named: &found.named_modules,
        var_files: &found.named_var_files,
        stdin: &stdin_tf,
        context: if reads_tf_facts && kept_tf.is_none() {
            &context.modules
        } else {
            &[]
        },
        plans: &plans,
    };
    let loaded = load_terraform(&tf, configs, pool, opts)?;
    Ok(configs.with_all(|all| {
        let settings = Settings::new(configs, all, needs, opts);
        let run = Run {
            settings: &settings,
            opts,
            pool,
        };
        // Directories named are judged whole (a baseline's entries under them can be stale).
        let dirs = paths.iter().filter(|p| p.is_dir());
        let tf_facts = TfFactsFrom {
            kept: kept_tf,
            keep: tf_memo,
        };
        run.rest(
            linted,
            loaded,
            tf_facts,
            dirs.map(|p| discover::display(p)).collect(),
        )
    }))
}

/// Where a run's Terraform facts come from: the loaded modules, or the memory of a kept walk
/// (`kept`); and where to keep those of the loaded modules (`keep`).
struct TfFactsFrom<'m> {
    kept: Option<crate::index::terraform::TfFacts>,
    keep: Option<&'m memo::Memo>,
}

/// What the rules of the configs `used` read: the cross-file index (and so the project as
/// context), and the Terraform facts of the cross-layer rules (neither with `--parse-only`).
fn what_sets_read(configs: &Configs<'_>, used: &BTreeSet<usize>, opts: &Options) -> (bool, bool) {
    configs.with_all(|all| {
        let reads: Vec<Reads> = used.iter().map(|&i| Reads::of(all[i])).collect();
        (
            settings::indexing(&reads, opts),
            !opts.parse_only && reads.iter().any(|r| r.terraform_facts),
        )
    })
}

/// Loads the Terraform project within the limits of the configs that apply to it; the configs
/// of every file loaded (a called module may lie outside what was named) join the others (the
/// indices given so far stay). `Err`: a config that does not load.
fn load_terraform(
    tf: &terraform::Inputs<'_>,
    configs: &Configs<'_>,
    pool: &rayon::ThreadPool,
    opts: &Options,
) -> Result<Option<terraform::Loaded>, String> {
    let limits = terraform_limits(tf, configs);
    let loaded = pool.install(|| terraform::load(tf, &limits, opts));
    if let Some(l) = &loaded {
        for path in l.paths() {
            configs.of_file(Path::new(path));
        }
    }
    match configs.error() {
        Some(e) => Err(e),
        None => Ok(loaded),
    }
}

/// The configs of what a run reports: the named paths', the files and modules found under
/// them, and standard input's (by the name it is shown under).
fn reported_configs(
    inputs: &[Input],
    paths: &[PathBuf],
    found: &discover::Discovered,
    configs: &Configs<'_>,
) -> BTreeSet<usize> {
    let mut used: BTreeSet<usize> = paths.iter().map(|p| configs.of_named(p)).collect();
    used.extend(found.files.iter().map(|f| configs.of_file(&f.path)));
    used.extend(found.modules.iter().map(|d| configs.of_dir(d)));
    for i in inputs {
        if let Input::Stdin { name, .. } = i {
            used.insert(configs.of_file(stdin_path(name).unwrap_or(Path::new(name))));
        }
    }
    used
}

/// The limits the Terraform load works within: the strictest of the configs of the modules
/// and files named (the defaults without any). Module instances are counted for the run as a
/// whole, and a called module is loaded before anyone knows whose config it falls under.
fn terraform_limits(tf: &terraform::Inputs<'_>, configs: &Configs<'_>) -> Limits {
    let mut used: Vec<usize> = tf.dirs.iter().map(|d| configs.of_dir(d)).collect();
    used.extend(tf.stdin.iter().map(|s| configs.of_file(Path::new(&s.name))));
    used.sort_unstable();
    used.dedup();
    configs.with_all(|all| {
        let mut limits = used
            .first()
            .map_or_else(Limits::default, |&i| all[i].limits);
        for l in used.iter().map(|&i| all[i].limits) {
            limits.terraform_file_size = limits.terraform_file_size.min(l.terraform_file_size);
            limits.module_instances = limits.module_instances.min(l.module_instances);
        }
        limits
    })
}

/// One stage of a run, with the settings of every config known when it starts.
struct Run<'r, 'c> {
    settings: &'r Settings<'c>,
    opts: &'r Options,
    pool: &'r rayon::ThreadPool,
}

/// What the YAML/JSON stage leaves for the rest of the run.
struct Linted {
    jobs: Vec<Job>,
    files: Vec<yaml::FileOutput>,
    projects: Projects,
    /// What discovery skipped, and how the cache served.
    result: LintResult,
}

impl Run<'_, '_> {
    /// Lints the YAML/JSON files found (taken from `found`), those of the project context
    /// (taken from `context`) and standard input.
    fn yaml(
        &self,
        found: &mut discover::Discovered,
        context: &mut context::ProjectContext,
        piped: Vec<Job>,
    ) -> Linted {
        let (settings, opts) = (self.settings, self.opts);
        let mut walked = std::mem::take(&mut found.walked);
        walked.extend(std::mem::take(&mut context.walked));
        let reported = found.files.len();
        let mut jobs: Vec<Job> = std::mem::take(&mut found.files)
            .into_iter()
            .chain(std::mem::take(&mut context.files))
            .map(Job::File)
            .collect();
        jobs.extend(piped);
        let of_job: Vec<usize> = jobs.iter().map(|j| settings.of_job(j)).collect();
        // Standard input and the named files are reported; the rest is context.
        let is_reported = |i: usize, j: &Job| i < reported || matches!(j, Job::Stdin { .. });
        for (i, j) in jobs.iter().enumerate() {
            if is_reported(i, j) {
                settings.note_use(of_job[i], job_name(j));
            }
        }
        let mut projects = Projects::new(walked);
        // The context files' facts a kept walk holds from the runs before (see [`memo`]).
        let memo = opts.project_walk.as_deref().map(ProjectWalk::memo);
        let kept = match memo {
            Some(m) => m.serve(&jobs, &of_job, is_reported, settings),
            None => jobs.iter().map(|_| None).collect(),
        };
        let served: Vec<bool> = kept.iter().map(Option::is_some).collect();
        let cache = Cache::open(&jobs, &served, &of_job, &mut projects, settings, opts);
        let linted: Vec<(yaml::FileOutput, cache::Record)> = self.pool.install(|| {
            jobs.par_iter()
                .zip(kept)
                .enumerate()
                .map(|(i, (j, kept))| {
                    if let Some(out) = kept {
                        return (out, cache::Record::NONE);
                    }
                    let c = of_job[i];
                    let part = yaml::Part {
                        reported: is_reported(i, j),
                        index: settings.index(c),
                    };
                    cache.lint_file(i, j, part, |read| {
                        yaml::lint_read(j, read, part, settings.set(c), settings.cfg(c), opts)
                    })
                })
                .collect()
        });
        let (files, records): (Vec<_>, Vec<_>) = linted.into_iter().unzip();
        if let Some(m) = memo {
            m.keep(&jobs, &of_job, &files, &served, settings);
        }
        let cache_stats = cache.save(&jobs, records);
        let mut result = skipped(found, settings, opts);
        result.cache = Box::new(cache_stats);
        Linted {
            jobs,
            files,
            projects,
            result,
        }
    }

    /// The Terraform, then the cross-file rules, then the sort.
    fn rest(
        &self,
        linted: Linted,
        loaded: Option<terraform::Loaded>,
        from: TfFactsFrom<'_>,
        judged_dirs: Vec<String>,
    ) -> LintResult {
        let (settings, opts) = (self.settings, self.opts);
        let Linted {
            jobs,
            files,
            mut projects,
            mut result,
        } = linted;
        let (mut modules, mut tf_facts) = self
            .pool
            .install(|| terraform::lint_modules(loaded, settings, opts));
        match (from.kept, from.keep) {
            (Some(kept), _) => tf_facts = kept,
            (None, Some(memo)) => memo.keep_terraform(&tf_facts),
            (None, None) => {}
        }
        let reading_key_vault = cross::reading_key_vault(&jobs, &files, &mut projects);
        let indexed = absorb_files(&mut result, &jobs, files);
        if settings.indexing() {
            cross::key_vault_read_elsewhere(
                &mut modules.diagnostics,
                &reading_key_vault,
                &mut projects,
            );
            let mut part = self
                .pool
                .install(|| cross::lint(indexed, tf_facts, &mut projects, settings, opts));
            sort_and_dedup(&mut part.diagnostics);
            result.absorb(part);
        }
        sort_and_dedup(&mut modules.diagnostics);
        result.absorb(modules);
        // Parts were de-duplicated on their own: two inputs shown under one name (standard
        // input named like a file) keep their findings apart.
        result
            .diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        result.judged.dirs = judged_dirs;
        self.pool
            .install(|| fingerprints::assign(&mut result, &mut projects));
        result
    }
}

/// The name an input is shown under.
fn job_name(job: &Job) -> &str {
    match job {
        Job::File(f) => &f.display,
        Job::Stdin { name, .. } => name,
    }
}

/// AKS001 and AKS006 for what discovery found but did not lint, each with its own config.
fn skipped(found: &discover::Discovered, settings: &Settings<'_>, opts: &Options) -> LintResult {
    let mut result = LintResult::default();
    if !opts.parse_only {
        for (file, skipped) in &found.skipped {
            let c = settings.of(Path::new(file));
            result.judged.files.push(file.clone());
            let empty = FileText::new(file, "");
            result.diagnostics.extend(finish::finish(
                &empty,
                vec![skip_finding(skipped)],
                &mut [],
                settings.set(c),
                settings.cfg(c),
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
    // 100,000 findings grown one file at a time would be moved a dozen times.
    let findings: usize = files.iter().map(|f| f.result.diagnostics.len()).sum();
    result.diagnostics.reserve(findings);
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

/// Standard input, classified by its name as a file is: YAML/JSON jobs, Terraform files (each
/// a module of its own), and Terraform plans (a `.json` name, a plan's content).
fn stdin_inputs(
    inputs: &[Input],
    configs: &Configs<'_>,
) -> (
    Vec<Job>,
    Vec<terraform::StdinFile>,
    Vec<terraform::PlanInput>,
) {
    let mut jobs = Vec::new();
    let mut tf = Vec::new();
    let mut plans = Vec::new();
    for i in inputs {
        let Input::Stdin { name, bytes } = i else {
            continue;
        };
        let (name, bytes) = (name.clone(), bytes.clone());
        match discover::classify(name.as_ref()) {
            Some(FileKind::Terraform) => tf.push(terraform::StdinFile { name, bytes }),
            Some(FileKind::Json) if plan::sniff::is_plan(&bytes) => {
                let path = PathBuf::from(&name);
                let limit = configs.with_config_of(&path, |c| c.limits.plan_size);
                plans.push(terraform::PlanInput {
                    path,
                    name,
                    bytes: Some(bytes),
                    limit,
                });
            }
            _ => jobs.push(Job::Stdin { name, bytes }),
        }
    }
    (jobs, tf, plans)
}

/// Takes the Terraform plans out of `files` (see [`plan::sniff`]: each `.json` is scanned up to
/// its config's `[limits] plan-size`, most decided by their first key), in their order.
fn split_plans(
    files: &mut Vec<FileJob>,
    configs: &Configs<'_>,
    pool: &rayon::ThreadPool,
) -> Vec<terraform::PlanInput> {
    let limits: Vec<Option<u64>> = files
        .iter()
        .map(|f| {
            (f.kind == FileKind::Json)
                .then(|| configs.with_config_of(&f.path, |c| c.limits.plan_size))
        })
        .collect();
    let is_plan: Vec<bool> = pool.install(|| {
        files
            .par_iter()
            .zip(&limits)
            .map(|(f, limit)| limit.is_some_and(|l| plan::sniff::file_is_plan(&f.path, l)))
            .collect()
    });
    let mut plans = Vec::new();
    let mut kept = Vec::with_capacity(files.len());
    for ((f, is_plan), limit) in std::mem::take(files).into_iter().zip(is_plan).zip(limits) {
        if is_plan {
            plans.push(terraform::PlanInput {
                path: f.path,
                name: f.display,
                bytes: None,
                limit: limit.unwrap_or_default(),
            });
        } else {
            kept.push(f);
        }
    }
    *files = kept;
    plans
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

/// The paths named (not standard input).
fn named_paths(inputs: &[Input]) -> Vec<PathBuf> {
    inputs
        .iter()
        .filter_map(|i| match i {
            Input::Path(p) => Some(p.clone()),
            Input::Stdin { .. } => None,
        })
        .collect()
}

/// The files standard input stands for (see [`stdin_path`]): one for the command line; the
/// `--fix` loop lints each fixed file's new text in place of the file.
fn stdin_files(inputs: &[Input]) -> Vec<&Path> {
    inputs
        .iter()
        .filter_map(|i| match i {
            Input::Stdin { name, .. } => stdin_path(name),
            Input::Path(_) => None,
        })
        .collect()
}

/// Standard input's name as a path, when it names a file or a file in an existing directory
/// (an editor's buffer): its project is the context. `<stdin>` is no path.
pub(super) fn stdin_path(name: &str) -> Option<&Path> {
    let p = Path::new(name);
    let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
    (p.is_file() || dir.is_some_and(Path::is_dir)).then_some(p)
}

fn pool(threads: usize) -> Arc<rayon::ThreadPool> {
    // One pool per thread count for the process, kept: the language server and the fuzz
    // targets lint thousands of times, and a pool made per lint spawned and joined its threads
    // each time (half of a small input's time went to waiting for them).
    static POOLS: Mutex<Vec<(usize, Arc<rayon::ThreadPool>)>> = Mutex::new(Vec::new());
    let threads = threads.min(MAX_THREADS);
    let mut pools = POOLS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, pool)) = pools.iter().find(|(n, _)| *n == threads) {
        return pool.clone();
    }
    // Our parser and tree are iterative, but keep generous stacks for the third-party parser.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(8 << 20)
        .build()
        .expect("thread pool");
    let pool = Arc::new(pool);
    pools.push((threads, pool.clone()));
    pool
}
