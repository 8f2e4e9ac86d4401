//! Loading the Terraform project: the scanned module directories, the local children they call,
//! and — for a module named alone (pre-commit names only the changed child) that nothing scanned
//! calls — its callers in the project, loaded as context: evaluated, never reported. With
//! `--var-file`, root modules are loaded again with those values.
//!
//! The project keeps each module as an [`Outline`] (texts, no trees); the trees each load
//! parses are offered to the run's [`Trees`], which keeps what its budget allows.

use super::Options;
use super::trees::Trees;
use crate::config::Limits;
use crate::diagnostic::Finding;
use crate::discover::{display, normalize};
use crate::rules::linter;
use crate::terraform::{FileOutline, LoadOptions, Module, Outline, SourceKind, TfLimits};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How many module directories one run loads at most.
const MAX_MODULES: usize = 10_000;

/// The loaded modules and what of them is reported.
pub(super) struct Project {
    pub modules: BTreeMap<PathBuf, Outline>,
    /// The scanned directories and the children they call: the report scope.
    scanned: BTreeSet<PathBuf>,
    /// Files of the modules loaded as context only.
    context_files: BTreeSet<String>,
    /// Modules that no loaded module calls, then the first of each cycle no such module reaches
    /// (see [`super::graph`]): every instance is evaluated from one of them.
    pub roots: Vec<PathBuf>,
    /// How many module instances each root may make (same order; `[limits] module-instances`
    /// shared among them).
    pub budgets: Vec<usize>,
    /// `[limits] module-instances` (for the finding at a root it left no room for).
    pub module_instances: usize,
    /// Module directories that could not be read (display path, AKS001).
    unreadable: Vec<(String, Finding)>,
    /// Calls that close a cycle of module calls (the file holding the call, AKS001).
    cycles: Vec<(String, Finding)>,
    /// Var-files that no loaded module reads (see [`Module::of_var_files`]).
    stray: Vec<Outline>,
}

impl Project {
    /// The modules of the report scope.
    pub fn scanned(&self) -> impl Iterator<Item = &Outline> {
        self.modules
            .iter()
            .filter(|(d, _)| self.scanned.contains(*d))
            .map(|(_, m)| m)
    }

    /// Every loaded file, context and stray var-files included.
    pub fn files(&self) -> impl Iterator<Item = &FileOutline> {
        let stray = self.stray.iter();
        self.modules
            .values()
            .chain(stray)
            .flat_map(|m| m.files.iter())
    }

    /// Whether a module directory is in the report scope (scanned, or called by what is).
    pub fn is_scanned(&self, dir: &Path) -> bool {
        self.scanned.contains(dir)
    }

    /// Whether findings in this file are reported (it is no context file).
    pub fn in_scope(&self, file: &str) -> bool {
        !self.context_files.contains(file)
    }

    /// The module directories that could not be read, as shown.
    pub fn unreadable_dirs(&self) -> impl Iterator<Item = &str> {
        self.unreadable.iter().map(|(dir, _)| dir.as_str())
    }

    /// The text of a loaded file.
    pub fn text_of(&self, file: &str) -> Option<&str> {
        self.files().find(|f| &*f.name == file).map(|f| &*f.text)
    }

    /// What could not be loaded or parsed in the report scope, second declarations of a name,
    /// and the calls that close a cycle: AKS001 and AKS002 by file. Var-files are named by the
    /// user, so theirs are reported whichever module reads them (a root loaded as context for a
    /// child named alone), or none does; once each, though several roots read them.
    pub fn problems(&self) -> Vec<(String, Finding)> {
        let mut out = self.unreadable.clone();
        out.extend(
            self.cycles
                .iter()
                .filter(|(file, _)| self.in_scope(file))
                .cloned(),
        );
        let mut parsed: BTreeSet<&str> = BTreeSet::new();
        for (dir, m) in self
            .modules
            .iter()
            .chain(self.stray.iter().map(|o| (&o.dir, o)))
        {
            let scanned = self.scanned.contains(dir);
            for (f, e) in m.errors() {
                let named = f.kind == SourceKind::VarFile;
                if (scanned || named) && parsed.insert(&f.name) {
                    out.push((f.name.to_string(), linter::hcl_error(e)));
                }
            }
            if scanned {
                for d in &m.duplicates {
                    out.push((d.file.to_string(), linter::duplicate_declaration(d)));
                }
            }
        }
        out
    }
}

/// Terraform read from standard input: the name it is shown under, and its bytes.
pub(crate) struct StdinFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A Terraform plan the run names (a `.json` found to hold one, see
/// [`crate::terraform::plan::sniff`]): where it is, how it is shown, its bytes when it came from
/// standard input, and its config's `[limits] plan-size`.
pub(crate) struct PlanInput {
    pub path: PathBuf,
    pub name: String,
    pub bytes: Option<Vec<u8>>,
    pub limit: u64,
}

impl PlanInput {
    /// The plan, read and parsed (what went wrong is among its problems).
    pub fn load(&self) -> crate::terraform::plan::Plan {
        use crate::terraform::plan::{self, Plan};
        let read = match &self.bytes {
            Some(b) if b.len() as u64 > self.limit => {
                Err(plan::too_large(b.len() as u64, self.limit))
            }
            Some(b) => Ok(plan::text(b.clone())),
            None => plan::read(&self.path, self.limit),
        };
        match read {
            Ok((t, None)) => Plan::load(&self.path, &self.name, t.into()),
            Ok((t, Some(problem))) => Plan::unread(&self.path, &self.name, t.into(), problem),
            Err(problem) => Plan::unread(&self.path, &self.name, Arc::from(""), problem),
        }
    }
}

/// What the run names of Terraform.
pub(crate) struct Inputs<'a> {
    /// The scanned module directories.
    pub dirs: &'a [PathBuf],
    /// Those named by one of their files (see [`crate::discover::Discovered::named_modules`]).
    pub named: &'a [PathBuf],
    /// `.tfvars` named on the command line that Terraform would not read by itself: var files
    /// of their directory's module.
    pub var_files: &'a [PathBuf],
    /// Files read from standard input, each in place of its file in its directory's module
    /// (see [`load`]).
    pub stdin: &'a [StdinFile],
    /// The project's other module directories, read for the cross-layer rules' facts when only
    /// part of the project is named: evaluated, never reported.
    pub context: &'a [PathBuf],
    /// The plans named (or found in a named directory).
    pub plans: &'a [PlanInput],
}

/// Loads the project of the scanned modules, their children and (for a module named alone) its
/// callers, then gives the roots their `--var-file`s and each module its named `.tfvars`.
pub(super) fn load(inputs: &Inputs<'_>, run: &Limits, opts: &Options, trees: &Trees) -> Project {
    let limits = TfLimits {
        file_size: run.terraform_file_size,
    };
    let plain = LoadOptions {
        limits,
        var_files: Vec::new(),
    };
    let with_vars = LoadOptions {
        limits,
        var_files: opts.var_files.clone(),
    };
    let loader = Loader { trees, limits };
    // Standard input (an editor's buffers) stands in for its files in their directory's module:
    // a `main.tf` is judged with the variables, tfvars and diagnostic settings of its siblings.
    // What the siblings themselves hold is reported only when their directory is named too.
    let mut buffers: BTreeMap<PathBuf, Vec<(String, Vec<u8>)>> = BTreeMap::new();
    for s in inputs.stdin {
        let dir = normalize(Path::new(&s.name).parent().unwrap_or(Path::new("")));
        buffers
            .entry(dir)
            .or_default()
            .push((s.name.clone(), s.bytes.clone()));
    }
    let named_dirs: BTreeSet<PathBuf> = inputs.dirs.iter().map(|d| normalize(d)).collect();
    let mut siblings: BTreeSet<String> = BTreeSet::new();
    let piped: BTreeMap<PathBuf, Outline> = buffers
        .into_iter()
        .map(|(dir, buffers)| {
            let names: BTreeSet<String> = buffers.iter().map(|(n, _)| n.clone()).collect();
            let m = Module::with_buffers(&dir, buffers, &with_vars);
            if !named_dirs.contains(&dir) {
                let disk = m.files.iter().filter(|f| !names.contains(&*f.name));
                siblings.extend(disk.map(|f| f.name.to_string()));
            }
            let o = loader.outline(&dir, m);
            (dir, o)
        })
        .collect();
    let piped_keys: BTreeSet<PathBuf> = piped.keys().cloned().collect();
    let mut unreadable = Vec::new();
    let mut modules = loader.load_all(inputs.dirs, piped, &plain, &mut unreadable);
    let scanned: BTreeSet<PathBuf> = modules.keys().cloned().collect();
    let orphans: Vec<PathBuf> = {
        let called = called_dirs(&modules);
        let named = inputs.named.iter();
        named.filter(|d| !called.contains(*d)).cloned().collect()
    };
    for caller in find_callers(&orphans, &modules, &plain) {
        for (dir, m) in loader.load_all(&[caller], BTreeMap::new(), &plain, &mut Vec::new()) {
            modules.entry(dir).or_insert(m);
        }
    }
    let walked_context: BTreeSet<PathBuf> = inputs
        .context
        .iter()
        .map(|d| normalize(d))
        .filter(|d| !modules.contains_key(d))
        .collect();
    if !walked_context.is_empty() {
        let dirs: Vec<PathBuf> = walked_context.iter().cloned().collect();
        for (dir, m) in loader.load_all(&dirs, BTreeMap::new(), &plain, &mut Vec::new()) {
            modules.entry(dir).or_insert(m);
        }
    }
    let mut context_files: BTreeSet<String> = modules
        .iter()
        .filter(|(d, _)| !scanned.contains(*d))
        .flat_map(|(_, m)| m.files.iter().map(|f| f.name.to_string()))
        .collect();
    context_files.extend(siblings);
    let graph = super::graph::analyse(&modules, run.module_instances);
    // `--var-file` is for the roots of what was named (and the callers found for it), not for
    // the rest of the project read for context.
    let named_roots: Vec<PathBuf> = graph
        .roots
        .iter()
        .filter(|r| !walked_context.contains(*r))
        .cloned()
        .collect();
    let reload = var_files_of(&modules, &named_roots, &piped_keys, inputs.var_files, opts);
    for (dir, var_files) in reload {
        if let Ok(m) = Module::load(dir_or_dot(&dir), &LoadOptions { limits, var_files }) {
            let o = loader.outline(&dir, m);
            modules.insert(dir, o);
        }
    }
    let stray = stray_var_files(&modules, inputs.var_files, &opts.var_files, limits);
    Project {
        modules,
        scanned,
        context_files,
        roots: graph.roots,
        budgets: graph.budgets,
        module_instances: run.module_instances,
        unreadable,
        cycles: graph.cycles,
        stray,
    }
}

/// The var-files, named or `--var-file`, that no loaded module reads, by directory: read and
/// parsed for their syntax errors (a var-file whose module is not in the run is still the
/// user's file, and an error in it is one `terraform plan` would stop at).
fn stray_var_files(
    modules: &BTreeMap<PathBuf, Outline>,
    named: &[PathBuf],
    given: &[PathBuf],
    limits: TfLimits,
) -> Vec<Outline> {
    let read: BTreeSet<PathBuf> = modules
        .values()
        .flat_map(|m| m.files.iter().map(|f| normalize(&f.path)))
        .collect();
    let mut by_dir: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for p in named.iter().chain(given) {
        let key = normalize(p);
        if read.contains(&key) {
            continue;
        }
        let files = by_dir
            .entry(normalize(p.parent().unwrap_or(Path::new(""))))
            .or_default();
        if !files.iter().any(|f| normalize(f) == key) {
            files.push(p.clone());
        }
    }
    by_dir
        .into_iter()
        .map(|(dir, files)| Outline::of(&Module::of_var_files(&dir, &files, &limits), limits))
        .collect()
}

/// The modules to load again with var files, and theirs: the `.tfvars` named in its directory,
/// then, for a root, the `--var-file`s (later ones win). Standard input has its own already.
fn var_files_of(
    modules: &BTreeMap<PathBuf, Outline>,
    roots: &[PathBuf],
    piped: &BTreeSet<PathBuf>,
    named: &[PathBuf],
    opts: &Options,
) -> Vec<(PathBuf, Vec<PathBuf>)> {
    let mut out = Vec::new();
    for dir in modules.keys().filter(|d| !piped.contains(*d)) {
        let mut files: Vec<PathBuf> = named
            .iter()
            .filter(|f| &normalize(f.parent().unwrap_or(Path::new(""))) == dir)
            .cloned()
            .collect();
        if roots.contains(dir) {
            files.extend(opts.var_files.iter().cloned());
        }
        if !files.is_empty() {
            out.push((dir.clone(), files));
        }
    }
    out
}

/// Directories in the project (the nearest ancestor holding `akslint.toml` or `.git`) whose
/// modules call one of `orphans` by a local path and are not loaded yet.
fn find_callers(
    orphans: &[PathBuf],
    loaded: &BTreeMap<PathBuf, Outline>,
    opts: &LoadOptions,
) -> Vec<PathBuf> {
    let mut roots: BTreeSet<PathBuf> = BTreeSet::new();
    for o in orphans {
        let root = o
            .ancestors()
            .skip(1)
            .find(|a| {
                let a = dir_or_dot(a);
                a.join(crate::config::FILE_NAME).is_file() || a.join(".git").exists()
            })
            .map(Path::to_path_buf);
        if let Some(r) = root {
            roots.insert(r);
        }
    }
    let mut callers = BTreeSet::new();
    for root in roots {
        let walker = ignore::WalkBuilder::new(dir_or_dot(&root))
            .hidden(false)
            .require_git(false)
            .filter_entry(|e| !matches!(e.file_name().to_str(), Some(".git" | ".terraform")))
            .build();
        for e in walker.flatten() {
            let path = e.path();
            if path.extension().is_none_or(|x| x != "tf")
                || !e.file_type().is_some_and(|t| t.is_file())
            {
                continue;
            }
            let dir = normalize(path.parent().unwrap_or(Path::new("")));
            if loaded.contains_key(&dir) || callers.contains(&dir) {
                continue;
            }
            // Cheap pre-filter before parsing: a caller names the orphan's directory in a source.
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let calls_orphan = orphans.iter().any(|o| {
                o.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| text.contains("module") && text.contains(n))
            });
            if !calls_orphan {
                continue;
            }
            if let Ok(m) = Module::load(dir_or_dot(&dir), opts)
                && m.calls
                    .iter()
                    .filter_map(|c| c.local_path.as_ref())
                    .any(|p| orphans.contains(&normalize(p)))
            {
                callers.insert(dir);
            }
        }
    }
    callers.into_iter().collect()
}

/// Loads modules into outlines, offering the trees it parses to the run's cache.
struct Loader<'t> {
    trees: &'t Trees,
    limits: TfLimits,
}

impl Loader<'_> {
    /// The outline of a module just loaded from `dir`, whose trees go to the cache.
    fn outline(&self, dir: &Path, m: Module) -> Outline {
        let o = Outline::of(&m, self.limits);
        self.trees.offer(dir, Arc::new(m), o.size());
        o
    }

    /// Loads the scanned module directories, then (breadth first) every local child they and
    /// the modules already loaded (`seeds`) call.
    fn load_all(
        &self,
        dirs: &[PathBuf],
        seeds: BTreeMap<PathBuf, Outline>,
        opts: &LoadOptions,
        problems: &mut Vec<(String, Finding)>,
    ) -> BTreeMap<PathBuf, Outline> {
        let mut modules = seeds;
        let mut wanted: Vec<PathBuf> = dirs.iter().map(|d| normalize(d)).collect();
        for (dir, m) in &modules {
            wanted.extend(local_children(dir, m));
        }
        wanted.retain(|d| !modules.contains_key(d));
        while !wanted.is_empty() && modules.len() < MAX_MODULES {
            wanted.sort();
            wanted.dedup();
            let loaded: Vec<(PathBuf, std::io::Result<Outline>)> = wanted
                .par_iter()
                .map(|d| {
                    let m = Module::load(dir_or_dot(d), opts);
                    (d.clone(), m.map(|m| self.outline(d, m)))
                })
                .collect();
            wanted = Vec::new();
            for (dir, m) in loaded {
                match m {
                    Ok(m) => {
                        wanted.extend(local_children(&dir, &m));
                        modules.insert(dir, m);
                    }
                    Err(e) => problems.push((display(&dir), linter::unreadable_module(e))),
                }
            }
            wanted.retain(|d| !modules.contains_key(d));
        }
        modules
    }
}

/// The existing directories that `m` (loaded from `dir`) calls by a local path, itself aside.
fn local_children(dir: &Path, m: &Outline) -> Vec<PathBuf> {
    m.calls
        .iter()
        .filter_map(|c| c.local_path.as_ref())
        .map(|p| normalize(p))
        .filter(|child| child != dir && child.is_dir())
        .collect()
}

fn dir_or_dot(d: &Path) -> &Path {
    if d.as_os_str().is_empty() {
        Path::new(".")
    } else {
        d
    }
}

/// Directories that a loaded module calls by a local path.
fn called_dirs(modules: &BTreeMap<PathBuf, Outline>) -> BTreeSet<PathBuf> {
    modules
        .iter()
        .flat_map(|(dir, m)| {
            m.calls
                .iter()
                .filter_map(|c| c.local_path.as_ref())
                .map(|p| normalize(p))
                .filter(move |c| c != dir)
        })
        .collect()
}
