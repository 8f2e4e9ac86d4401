//! The Terraform half of the pipeline. A directory is a module: the discovered module directories
//! are loaded (parsed) in parallel, local child modules are loaded through their callers, and
//! every module instance is evaluated from a root (a scanned module no scanned module calls):
//! children with their caller's arguments, never standalone. Facts of all instances form the
//! [`TfIndex`] before any rule runs; then each resource of each instance meets every rule.

use super::{Options, resolve};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Finding};
use crate::discover::{display, normalize};
use crate::rules::linter::{INPUT_LIMIT, PARSE_ERROR};
use crate::rules::{Rule, TfCtx};
use crate::source::{LineIndex, Span};
use crate::suppress::{self, Scope as SupScope, Suppression};
use crate::terraform::{
    Count, LoadOptions, Majors, Module, ParseErrorKind, Scope, SourceKind, TfIndex, TfLimits,
    provider, suppressions,
};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How deep module calls are followed, and how many module directories one run loads at most.
const MAX_CALL_DEPTH: usize = 16;
const MAX_MODULES: usize = 10_000;

#[derive(Default)]
pub(super) struct TfOutput {
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    pub objects: usize,
    pub bytes: u64,
    pub sources: Vec<(String, Arc<str>)>,
}

struct Instance<'m> {
    scope: Scope<'m>,
    prefix: String,
    majors: Majors,
}

/// What a module's own files say about azurerm majors; `None` without any evidence.
fn evidence(m: &Module) -> Option<Majors> {
    let pv = provider::azurerm(m);
    (!pv.evidence.is_empty()).then_some(pv.majors)
}

/// The evidence of a call chain: intersected along it; the newest major when nothing says.
fn chain(parent: Option<Majors>, child: Option<Majors>) -> Option<Majors> {
    match (parent, child) {
        (Some(p), Some(c)) => Some(p.intersect(c)),
        (p, c) => p.or(c),
    }
}

pub(super) fn lint_modules(
    dirs: &[PathBuf],
    named: &[PathBuf],
    cfg: &Config,
    opts: &Options,
    rules: &[&'static dyn Rule],
) -> TfOutput {
    let mut out = TfOutput::default();
    if dirs.is_empty() {
        return out;
    }
    let limits = TfLimits {
        file_size: cfg.limits.terraform_file_size,
    };
    let plain = LoadOptions {
        limits,
        var_files: Vec::new(),
    };
    let mut problems: Vec<(String, Finding)> = Vec::new();
    let mut modules = load_all(dirs, &plain, &mut problems);
    // Report scope: the scanned modules and their children. A module named by a file that
    // nothing scanned calls (pre-commit names only the changed child) is evaluated through its
    // callers in the project, which are loaded as context: their own findings are not reported.
    let in_scope: BTreeSet<PathBuf> = modules.keys().cloned().collect();
    let orphans: Vec<PathBuf> = {
        let called = called_dirs(&modules);
        named
            .iter()
            .filter(|d| !called.contains(*d))
            .cloned()
            .collect()
    };
    for caller in find_callers(&orphans, &modules, &plain) {
        for (dir, m) in load_all(&[caller], &plain, &mut Vec::new()) {
            modules.entry(dir).or_insert(m);
        }
    }
    let context_files: BTreeSet<String> = modules
        .iter()
        .filter(|(d, _)| !in_scope.contains(*d))
        .flat_map(|(_, m)| m.files.iter().map(|f| f.name.to_string()))
        .collect();
    let called = called_dirs(&modules);
    let roots: Vec<PathBuf> = modules
        .keys()
        .filter(|d| !called.contains(*d))
        .cloned()
        .collect();
    if !opts.var_files.is_empty() {
        // `--var-file` applies to root modules only.
        let with_vars = LoadOptions {
            limits,
            var_files: opts.var_files.clone(),
        };
        for r in &roots {
            if let Ok(m) = Module::load(r, &with_vars) {
                modules.insert(r.clone(), m);
            }
        }
    }
    for (_, m) in modules.iter().filter(|(d, _)| in_scope.contains(*d)) {
        for f in &m.files {
            if f.kind != SourceKind::Lock {
                out.files += 1;
                out.bytes += f.text.len() as u64;
            }
        }
        for (f, e) in m.errors() {
            let (rule, help) = match e.kind {
                ParseErrorKind::TooLarge => (
                    INPUT_LIMIT,
                    "raise `[limits] terraform-file-size` in akslint.toml, or split the file",
                ),
                _ => (
                    PARSE_ERROR,
                    "fix the HCL; the module's other files were still read, but its values may be incomplete",
                ),
            };
            let span = (e.kind == ParseErrorKind::Syntax).then(|| Span::new(e.offset, e.offset));
            problems.push((
                f.name.to_string(),
                Finding::new(rule, span, e.message.clone()).help(help),
            ));
        }
    }
    let mut findings: Vec<(String, Finding)> = Vec::new();
    if !opts.parse_only {
        // Scopes evaluate lazily and are not shared between threads: each root's tree of module
        // instances is built in its own task, once for the index (which reads only what it
        // needs), once for the rules.
        let instances_of = |root: &PathBuf| {
            let m = &modules[root];
            let mut instances = Vec::new();
            walk(
                &modules,
                m,
                Scope::new(m),
                String::new(),
                evidence(m),
                &mut vec![root.clone()],
                &mut instances,
            );
            instances
        };
        let parts: Vec<TfIndex> = roots
            .par_iter()
            .map(|r| {
                let mut part = TfIndex::default();
                for i in instances_of(r) {
                    part.add_module(&i.scope, &i.prefix);
                }
                part
            })
            .collect();
        let mut index = TfIndex::default();
        for part in parts {
            index.extend(part);
        }
        let checked: Vec<(usize, Vec<(String, Finding)>)> = roots
            .par_iter()
            .map(|r| {
                let mut objects = 0;
                let mut found = Vec::new();
                for inst in instances_of(r) {
                    for res in inst.scope.resources() {
                        objects += 1;
                        check_resource(&res, &inst, &index, cfg, rules, &mut found);
                    }
                }
                (objects, found)
            })
            .collect();
        for (objects, found) in checked {
            out.objects += objects;
            findings.extend(found);
        }
    }
    // Suppressions, then positions, file by file.
    let mut by_file: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    for (file, f) in findings {
        if !context_files.contains(&file) {
            by_file.entry(file).or_default().push(f);
        }
    }
    let sources: BTreeMap<&str, (&str, Option<&hcl_edit::structure::Body>)> = modules
        .values()
        .flat_map(|m| m.files.iter())
        .map(|f| (&*f.name, (f.text.as_str(), f.body.as_ref().ok())))
        .collect();
    for (name, (text, body)) in sources.iter().filter(|(n, _)| !context_files.contains(**n)) {
        let mine = by_file.remove(*name).unwrap_or_default();
        let Some(body) = body else {
            // Findings cannot sit in a file that did not parse.
            continue;
        };
        if mine.is_empty() && !text.contains("akslint-ignore") {
            continue;
        }
        let lines = LineIndex::new(text);
        let mut sups: Vec<Suppression> = suppressions(text, body, &lines)
            .into_iter()
            .map(|s| Suppression {
                span: s.span,
                scope: if s.file_level {
                    SupScope::File
                } else {
                    SupScope::Lines(s.lines.0, s.lines.1)
                },
                rules: s.rules,
                reason: s.reason,
                is_comment: true,
            })
            .collect();
        let mut mine = mine;
        suppress::apply(&mut mine, &mut sups, &lines, |_, _| true);
        if !opts.parse_only {
            mine.extend(suppress::problems(&sups, |id| cfg.enabled(id)));
        }
        let diags: Vec<Diagnostic> = mine
            .into_iter()
            .filter(|f| cfg.enabled(f.rule) && !cfg.ignored_for_path(name.as_ref(), f.rule))
            .map(|f| resolve(name, text, Some(&lines), f, cfg))
            .collect();
        if opts.keep_sources && !diags.is_empty() {
            out.sources.push((name.to_string(), Arc::from(*text)));
        }
        out.diagnostics.extend(diags);
    }
    for (file, f) in problems {
        if cfg.enabled(f.rule) && !cfg.ignored_for_path(file.as_ref(), f.rule) {
            let text = sources.get(file.as_str()).map_or("", |s| s.0);
            let lines = LineIndex::new(text);
            out.diagnostics
                .push(resolve(&file, text, Some(&lines), f, cfg));
        }
    }
    out
}

/// Runs every rule on one resource of an instance.
fn check_resource(
    res: &crate::terraform::Resource<'_>,
    inst: &Instance<'_>,
    index: &TfIndex,
    cfg: &Config,
    rules: &[&'static dyn Rule],
    out: &mut Vec<(String, Finding)>,
) {
    let address = format!("{}{}", inst.prefix, res.address);
    let mut own = Vec::new();
    for rule in rules {
        let mut cx = TfCtx {
            rule: rule.meta(),
            params: &cfg.file.rules,
            majors: inst.majors,
            index,
            address_prefix: &inst.prefix,
            findings: &mut own,
        };
        rule.check_tf(res, &mut cx);
    }
    for mut f in own {
        if cfg.ignored_for_object(res.kind, None, Some(&address), f.rule) {
            continue;
        }
        f.object.get_or_insert_with(|| address.clone());
        let file = f
            .file
            .clone()
            .map_or_else(|| res.file.to_string(), |a| a.to_string());
        out.push((file, f));
    }
}

/// Directories in the project (the nearest ancestor holding `akslint.toml` or `.git`) whose
/// modules call one of `orphans` by a local path and are not loaded yet.
fn find_callers(
    orphans: &[PathBuf],
    loaded: &BTreeMap<PathBuf, Module>,
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
            if let Ok(m) = Module::load(dir_or_dot(&dir), opts) {
                if m.calls
                    .iter()
                    .filter_map(|c| c.local_path.as_ref())
                    .any(|p| orphans.contains(&normalize(p)))
                {
                    callers.insert(dir);
                }
            }
        }
    }
    callers.into_iter().collect()
}

/// Loads the scanned module directories, then (breadth first) every local child they call.
fn load_all(
    dirs: &[PathBuf],
    opts: &LoadOptions,
    problems: &mut Vec<(String, Finding)>,
) -> BTreeMap<PathBuf, Module> {
    let mut modules: BTreeMap<PathBuf, Module> = BTreeMap::new();
    let mut wanted: Vec<PathBuf> = dirs.iter().map(|d| normalize(d)).collect();
    while !wanted.is_empty() && modules.len() < MAX_MODULES {
        wanted.sort();
        wanted.dedup();
        let loaded: Vec<(PathBuf, std::io::Result<Module>)> = wanted
            .par_iter()
            .map(|d| (d.clone(), Module::load(dir_or_dot(d), opts)))
            .collect();
        wanted = Vec::new();
        for (dir, m) in loaded {
            match m {
                Ok(m) => {
                    for call in &m.calls {
                        if let Some(p) = &call.local_path {
                            let child = normalize(p);
                            if !modules.contains_key(&child) && child != dir && child.is_dir() {
                                wanted.push(child);
                            }
                        }
                    }
                    modules.insert(dir, m);
                }
                Err(e) => problems.push((
                    display(&dir),
                    Finding::new(
                        PARSE_ERROR,
                        None,
                        format!("cannot read the module directory: {e}"),
                    )
                    .help("check the path's permissions"),
                )),
            }
        }
        wanted.retain(|d| !modules.contains_key(d));
    }
    modules
}

fn dir_or_dot(d: &Path) -> &Path {
    if d.as_os_str().is_empty() {
        Path::new(".")
    } else {
        d
    }
}

/// Directories that a loaded module calls by a local path.
fn called_dirs(modules: &BTreeMap<PathBuf, Module>) -> BTreeSet<PathBuf> {
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

/// Evaluates a module instance and, through it, its local children.
fn walk<'m>(
    modules: &'m BTreeMap<PathBuf, Module>,
    module: &'m Module,
    scope: Scope<'m>,
    prefix: String,
    majors: Option<Majors>,
    stack: &mut Vec<PathBuf>,
    out: &mut Vec<Instance<'m>>,
) {
    let mut children = Vec::new();
    for call in &module.calls {
        let Some(path) = call.local_path.as_ref().map(|p| normalize(p)) else {
            continue;
        };
        let Some(child) = modules.get(&path) else {
            continue;
        };
        if stack.contains(&path) || stack.len() >= MAX_CALL_DEPTH {
            continue;
        }
        // A call whose instance count is unknown may or may not exist: its findings stay silent.
        match call.instances(&scope) {
            Count::Known(0) | Count::Unknown => continue,
            Count::Known(_) => {}
        }
        let child_scope = Scope::with_inputs(child, call.inputs(&scope));
        let child_majors = chain(majors, evidence(child));
        children.push((
            path,
            child,
            child_scope,
            format!("{prefix}module.{}.", call.name),
            child_majors,
        ));
    }
    let majors_in_force = majors.unwrap_or(Majors::only(Majors::NEWEST as u64));
    out.push(Instance {
        scope,
        prefix,
        majors: majors_in_force,
    });
    for (path, child, child_scope, child_prefix, child_majors) in children {
        stack.push(path);
        walk(
            modules,
            child,
            child_scope,
            child_prefix,
            child_majors,
            stack,
            out,
        );
        stack.pop();
    }
}
