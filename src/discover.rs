//! Discovery: the files to lint, in sorted order, classified; what is deliberately skipped
//! (un-rendered Helm templates, kustomize patches) is reported as AKS006.

use crate::config::Config;
use crate::diagnostic::Finding;
use crate::rules::linter::SKIPPED_INPUT;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `.yaml` / `.yml`: multi-document manifests.
    Yaml,
    /// `.json`: a manifest only when it parses and holds `apiVersion` + `kind`.
    Json,
    /// `.tf` / `.tfvars`: read as part of their directory's module.
    Terraform,
}

#[derive(Debug, Clone)]
pub struct FileJob {
    pub path: PathBuf,
    /// The path as shown in output.
    pub display: String,
    pub kind: FileKind,
}

#[derive(Default)]
pub struct Discovered {
    pub files: Vec<FileJob>,
    /// Terraform module directories (holding at least one `.tf`) with a file in the inputs.
    pub modules: Vec<PathBuf>,
    /// Those of `modules` named by one of their files (not found in a walk): a pre-commit run
    /// names the changed files, and such a module's callers are looked up in the project.
    pub named_modules: Vec<PathBuf>,
    /// File-level findings of discovery (display path, finding).
    pub findings: Vec<(String, Finding)>,
}

pub fn classify(path: &Path) -> Option<FileKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "yaml" | "yml" => Some(FileKind::Yaml),
        "json" => Some(FileKind::Json),
        "tf" | "tfvars" => Some(FileKind::Terraform),
        _ => None,
    }
}

pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    s.to_string()
}

/// Walks and classifies. A named path that does not exist is an error (exit 2).
pub fn discover(paths: &[PathBuf], cfg: &Config) -> Result<Discovered, String> {
    let mut out = Discovered::default();
    let mut found: BTreeSet<PathBuf> = BTreeSet::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| format!("{}: {e}", p.display()))?;
        if meta.is_dir() {
            let walker = ignore::WalkBuilder::new(p)
                .hidden(false)
                .git_ignore(true)
                .git_exclude(true)
                .require_git(false)
                .parents(true)
                .follow_links(false)
                .filter_entry(|e| !matches!(e.file_name().to_str(), Some(".git" | ".terraform")))
                .build();
            for entry in walker {
                match entry {
                    Ok(e) => {
                        let Some(ft) = e.file_type() else { continue };
                        if classify(e.path()).is_none() || cfg.excluded(e.path()) {
                            continue;
                        }
                        if ft.is_file() {
                            found.insert(e.path().to_path_buf());
                        } else if ft.is_symlink() {
                            // Links to manifests are linted under the link's path; a broken one
                            // is reported rather than silently passed over.
                            match std::fs::metadata(e.path()) {
                                Ok(m) if m.is_file() => {
                                    found.insert(e.path().to_path_buf());
                                }
                                Ok(_) => {}
                                Err(err) => out.findings.push((
                                    display(e.path()),
                                    Finding::new(
                                        crate::rules::linter::PARSE_ERROR,
                                        None,
                                        format!("cannot read: {err}"),
                                    )
                                    .help("fix or remove the broken symbolic link"),
                                )),
                            }
                        }
                    }
                    Err(err) => {
                        let (file, msg) = walk_error(&err);
                        out.findings.push((
                            file,
                            Finding::new(
                                crate::rules::linter::PARSE_ERROR,
                                None,
                                format!("cannot read: {msg}"),
                            )
                            .help("check the path's permissions"),
                        ));
                    }
                }
            }
        } else if let Some(kind) = classify(p) {
            if kind == FileKind::Terraform {
                out.named_modules
                    .push(normalize(p.parent().unwrap_or(Path::new(""))));
            }
            found.insert(p.clone());
        }
    }
    let mut chart_dirs: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    let patches = kustomize_patches(&found);
    let mut dir_cache: BTreeMap<PathBuf, Option<PathBuf>> = BTreeMap::new();
    let mut tf_dirs: BTreeMap<PathBuf, bool> = BTreeMap::new();
    for path in found {
        if let Some(chart) = chart_of(&path, &mut dir_cache) {
            chart_dirs.entry(chart).or_default().push(display(&path));
            continue;
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if matches!(
            name,
            "kustomization.yaml" | "kustomization.yml" | "Kustomization"
        ) {
            let dir = display(path.parent().unwrap_or(Path::new(".")));
            let dir = if dir.is_empty() { ".".to_string() } else { dir };
            out.findings.push((
                display(&path),
                Finding::new(SKIPPED_INPUT, None, "kustomize configuration: not linted as a manifest (its patches are partial objects)")
                    .help(format!("lint what kustomize builds: `kubectl kustomize {dir} | akslint check -`")),
            ));
            continue;
        }
        if let Some(kdir) = patches.get(&normalize(&path)) {
            out.findings.push((
                display(&path),
                Finding::new(
                    SKIPPED_INPUT,
                    None,
                    format!(
                        "kustomize patch listed in {}: a partial object, not linted on its own",
                        display(&kdir.join("kustomization.yaml"))
                    ),
                )
                .help(format!(
                    "lint what kustomize builds: `kubectl kustomize {} | akslint check -`",
                    display(kdir)
                )),
            ));
            continue;
        }
        let kind = classify(&path).expect("classified above");
        if kind == FileKind::Terraform {
            // A named `.tf`/`.tfvars` puts its whole module in scope; a directory of `.tfvars`
            // alone is no module (its files are used only through `--var-file`).
            let dir = normalize(path.parent().unwrap_or(Path::new("")));
            if let std::collections::btree_map::Entry::Vacant(e) = tf_dirs.entry(dir) {
                let is_module = has_tf_file(e.key());
                e.insert(is_module);
            }
            continue;
        }
        out.files.push(FileJob {
            display: display(&path),
            path,
            kind,
        });
    }
    out.named_modules.sort();
    out.named_modules.dedup();
    out.named_modules.retain(|d| tf_dirs.get(d) == Some(&true));
    out.modules = tf_dirs
        .into_iter()
        .filter_map(|(d, is_module)| is_module.then_some(d))
        .collect();
    for (chart, files) in chart_dirs {
        let chart_yaml = chart.join("Chart.yaml");
        out.findings.push((
            display(&chart_yaml),
            Finding::new(
                SKIPPED_INPUT,
                None,
                format!("Helm chart: {} file(s) under templates/ are un-rendered Go templates and were not linted", files.len()),
            )
            .help(format!("lint the rendered chart: `helm template {} | akslint check -`", display(&chart))),
        ));
    }
    Ok(out)
}

fn walk_error(err: &ignore::Error) -> (String, String) {
    match err {
        ignore::Error::WithPath { path, err } => (display(path), err.to_string()),
        ignore::Error::WithDepth { err, .. } => walk_error(err),
        ignore::Error::WithLineNumber { err, .. } => walk_error(err),
        other => (String::new(), other.to_string()),
    }
}

/// The chart directory when `path` lies under `<chart>/templates/` of a directory holding
/// `Chart.yaml`.
fn chart_of(path: &Path, cache: &mut BTreeMap<PathBuf, Option<PathBuf>>) -> Option<PathBuf> {
    let dir = path.parent()?;
    if let Some(hit) = cache.get(dir) {
        return hit.clone();
    }
    let mut hit = None;
    for a in dir.ancestors() {
        if a.file_name().is_some_and(|n| n == "templates") {
            if let Some(chart) = a.parent() {
                if chart.join("Chart.yaml").is_file() {
                    hit = Some(chart.to_path_buf());
                    break;
                }
            }
        }
    }
    cache.insert(dir.to_path_buf(), hit.clone());
    hit
}

/// Files listed as patches by the kustomizations among `files` → the kustomization's directory.
fn kustomize_patches(files: &BTreeSet<PathBuf>) -> BTreeMap<PathBuf, PathBuf> {
    let mut out = BTreeMap::new();
    for k in files {
        let name = k.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !matches!(
            name,
            "kustomization.yaml" | "kustomization.yml" | "Kustomization"
        ) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(k) else {
            continue;
        };
        if text.len() > 1 << 20 {
            continue;
        }
        let dir = k.parent().unwrap_or(Path::new("")).to_path_buf();
        let parsed = crate::yaml::parse_file(&text, &crate::yaml::YamlLimits::default());
        for doc in parsed.docs.iter().flatten() {
            let Some(root) = doc.root else { continue };
            let mut add = |p: &str| {
                out.insert(normalize(&dir.join(p)), dir.clone());
            };
            if let Some(list) = doc.get(root, "patchesStrategicMerge") {
                doc.seq(list)
                    .filter_map(|i| doc.str(i))
                    .filter(|s| !s.contains('\n'))
                    .for_each(&mut add);
            }
            for key in ["patches", "patchesJson6902"] {
                if let Some(list) = doc.get(root, key) {
                    doc.seq(list)
                        .filter_map(|i| doc.get(i, "path"))
                        .filter_map(|p| doc.str(p))
                        .for_each(&mut add);
                }
            }
        }
    }
    out
}

fn has_tf_file(dir: &Path) -> bool {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    std::fs::read_dir(dir).is_ok_and(|rd| {
        rd.flatten().any(|e| {
            e.path().extension().is_some_and(|x| x == "tf")
                && e.file_type().is_ok_and(|t| t.is_file())
        })
    })
}

/// `a/./b/../c` → `a/c`, lexically (as the walker reports paths).
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}
