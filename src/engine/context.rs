//! Context scope: when the command line names part of a project (pre-commit names the changed
//! files, an editor the open one), the cross-file rules still need the rest of it — a
//! Deployment's default-deny policy may sit in another file. The project root is the nearest
//! directory upward that holds `.git` or an `akslint.toml` with `root = true`; its YAML/JSON
//! files are read for context (indexed, reported only through the findings of named objects).
//! Without a root, the context is exactly what was named.
//!
//! Every file belongs to the project of its nearest root, and each project has its own index:
//! a monorepo's `root = true` subprojects (or two repositories named in one run) never see
//! each other's objects. Files under no root form one project together.

use crate::config::{self, Config};
use crate::discover::{self, FileJob, FileKind};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

/// Which files the cross-file rules see.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Context {
    /// What is named, and nothing else (the library's default).
    #[default]
    Named,
    /// What is named and the rest of its project (the command line's default).
    Project,
    /// Nothing: the cross-file rules do not run (`--no-context`).
    Off,
}

/// The YAML/JSON files of the named paths' projects that were not named themselves. `stdin`:
/// the name standard input is shown under, when that is a path (an editor's buffer): its
/// project counts, and the file of that name is not read (standard input replaces it).
pub(super) fn context_files(
    paths: &[PathBuf],
    stdin: Option<&Path>,
    named: &[FileJob],
    cfg: &Config,
) -> Result<Vec<FileJob>, String> {
    let mut projects = Projects::default();
    let mut roots: BTreeSet<PathBuf> = BTreeSet::new();
    for p in paths.iter().map(PathBuf::as_path).chain(stdin) {
        if let Some(root) = projects.root_of(p).filter(|r| !same_place(r, p)) {
            roots.insert(relative_to_cwd(&root));
        }
    }
    if roots.is_empty() {
        return Ok(Vec::new());
    }
    let named: BTreeSet<PathBuf> = named
        .iter()
        .filter_map(|j| canonical(&j.path))
        .chain(stdin.and_then(canonical))
        .collect();
    let roots: Vec<PathBuf> = roots.into_iter().collect();
    let found = discover::discover(&roots, cfg)?;
    Ok(found
        .files
        .into_iter()
        .filter(|j| j.kind != FileKind::Terraform)
        .filter(|j| canonical(&j.path).is_some_and(|c| !named.contains(&c)))
        .collect())
}

/// Which project each file belongs to: its nearest root upward, looked up once per directory.
#[derive(Default)]
pub(super) struct Projects {
    /// Directory as named → its project.
    dirs: BTreeMap<PathBuf, usize>,
    /// Canonical root → its project (0 is the files under no root).
    roots: BTreeMap<PathBuf, usize>,
    /// Canonical directory → whether it is a root.
    is_root: BTreeMap<PathBuf, bool>,
}

impl Projects {
    /// The project of a file (or of the file standard input is named after).
    pub fn of(&mut self, file: &Path) -> usize {
        let dir = file.parent().unwrap_or(Path::new("")).to_path_buf();
        if let Some(&p) = self.dirs.get(&dir) {
            return p;
        }
        let p = match self.root_of(&dir) {
            Some(root) => {
                let next = self.roots.len() + 1;
                *self.roots.entry(root).or_insert(next)
            }
            None => 0,
        };
        self.dirs.insert(dir, p);
        p
    }

    /// The canonical project root of a path (a directory, or a file's directory).
    fn root_of(&mut self, path: &Path) -> Option<PathBuf> {
        let start = canonical(path).or_else(|| canonical(path.parent()?))?;
        let start = if start.is_dir() {
            start
        } else {
            start.parent()?.to_path_buf()
        };
        start
            .ancestors()
            .find(|d| {
                *self
                    .is_root
                    .entry(d.to_path_buf())
                    .or_insert_with(|| is_root(d))
            })
            .map(Path::to_path_buf)
    }
}

fn is_root(dir: &Path) -> bool {
    if dir.join(".git").exists() {
        return true;
    }
    let cfg = dir.join(config::FILE_NAME);
    cfg.is_file() && Config::load(&cfg).is_ok_and(|c| c.file.root)
}

fn canonical(p: &Path) -> Option<PathBuf> {
    let p = if p.as_os_str().is_empty() {
        Path::new(".")
    } else {
        p
    };
    std::fs::canonicalize(p).ok()
}

/// Whether two paths name the same directory (the root itself was named: nothing to add).
fn same_place(a: &Path, b: &Path) -> bool {
    canonical(a).is_some_and(|a| canonical(b).is_some_and(|b| a == b))
}

/// `root` as the walk should show it: relative to the current directory (with `..` when above
/// it), so context files are named like the files found under named paths.
fn relative_to_cwd(root: &Path) -> PathBuf {
    let Some(cwd) = std::env::current_dir().ok().and_then(|c| canonical(&c)) else {
        return root.to_path_buf();
    };
    let common = cwd
        .components()
        .zip(root.components())
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return root.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in cwd.components().skip(common) {
        out.push(Component::ParentDir);
    }
    for c in root.components().skip(common) {
        out.push(c);
    }
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}
