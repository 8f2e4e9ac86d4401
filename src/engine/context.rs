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

use super::memo::Memo;
use crate::config::{self, Config};
use crate::configs::Configs;
use crate::discover::{self, FileJob, FileKind, Walked};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::{OsStr, OsString};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

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

/// What the rest of the named paths' projects adds to a run.
#[derive(Default)]
pub(super) struct ProjectContext {
    /// YAML/JSON files that were not named.
    pub files: Vec<FileJob>,
    /// Terraform module directories that were not named.
    pub modules: Vec<PathBuf>,
    pub walked: Walked,
}

/// The walk of the projects of some paths: their YAML/JSON files and Terraform module
/// directories, whether named or not. A caller that lints the same project again and again (the
/// language server) keeps it, and gives it to each run (see [`super::Options::project_walk`])
/// instead of walking the project again; it is as good as the files on disk and the configs it
/// was made with. It holds the facts of the files runs read for context too ([`Memo`]), shared
/// by its clones and dropped with it.
#[derive(Debug, Clone, Default)]
pub struct ProjectWalk {
    files: Vec<FileJob>,
    modules: Vec<PathBuf>,
    walked: Walked,
    memo: Arc<Memo>,
}

impl ProjectWalk {
    /// The facts of the project's files that runs given this walk read for context.
    pub(super) fn memo(&self) -> &Memo {
        &self.memo
    }

    /// How many YAML/JSON files it found.
    pub fn files(&self) -> usize {
        self.files.len()
    }
}

/// Walks the projects of `paths` and of `stdin` (the names standard input is shown under, when
/// they are paths: an editor's buffer, the texts `--fix` made) on `threads` threads.
pub(super) fn walk_projects(
    paths: &[PathBuf],
    stdin: &[&Path],
    configs: &Configs<'_>,
    threads: usize,
) -> Result<ProjectWalk, String> {
    let mut projects = Projects::default();
    let mut roots: BTreeSet<PathBuf> = BTreeSet::new();
    for p in paths
        .iter()
        .map(PathBuf::as_path)
        .chain(stdin.iter().copied())
    {
        if let Some(root) = projects.root_of(p).filter(|r| !same_place(r, p)) {
            roots.insert(relative_to_cwd(&root));
        }
    }
    if roots.is_empty() {
        return Ok(ProjectWalk::default());
    }
    let roots: Vec<PathBuf> = roots.into_iter().collect();
    let found = discover::discover(&roots, configs, false, threads)?;
    Ok(ProjectWalk {
        files: found
            .files
            .into_iter()
            .filter(|j| j.kind != FileKind::Terraform)
            .collect(),
        modules: found.modules,
        walked: found.walked,
        memo: Arc::default(),
    })
}

/// The files and Terraform modules of the named paths' projects that were not named themselves
/// (walked on `threads` threads).
/// `stdin`: the names standard input is shown under, when they are paths (an editor's buffer,
/// the texts `--fix` made): their projects count, and the files of those names are not read
/// (standard input replaces them).
pub(super) fn project_context(
    paths: &[PathBuf],
    stdin: &[&Path],
    named: &discover::Discovered,
    configs: &Configs<'_>,
    threads: usize,
) -> Result<ProjectContext, String> {
    let walk = walk_projects(paths, stdin, configs, threads)?;
    Ok(from_walk(walk, stdin, named))
}

/// What a walk of the projects adds to a run: what it found that was not named, nor replaced by
/// standard input.
pub(super) fn from_walk(
    walk: ProjectWalk,
    stdin: &[&Path],
    named: &discover::Discovered,
) -> ProjectContext {
    // A walked file is named when it is the same file: compared by real path, and only with the
    // named files of the same file name (20,000 named files need not all be resolved).
    let mut by_name: BTreeMap<&OsStr, Vec<&Path>> = BTreeMap::new();
    for p in named
        .files
        .iter()
        .map(|j| j.path.as_path())
        .chain(stdin.iter().copied())
    {
        if let Some(n) = p.file_name() {
            by_name.entry(n).or_default().push(p);
        }
    }
    let mut dirs = CanonicalDirs::default();
    let files = walk
        .files
        .into_iter()
        .filter(|j| {
            let Some(same_name) = j.path.file_name().and_then(|n| by_name.get(n)) else {
                return true;
            };
            let Some(me) = dirs.file(&j.path) else {
                return false;
            };
            !same_name.iter().any(|p| dirs.file(p).as_ref() == Some(&me))
        })
        .collect();
    let modules = walk
        .modules
        .into_iter()
        .filter(|d| !named.modules.contains(d))
        .collect();
    ProjectContext {
        files,
        modules,
        walked: walk.walked,
    }
}

/// Drops the files that standard input replaces: the same file as one of `stdin`, compared by
/// real path (and only for the files of the same file name).
pub(super) fn drop_replaced(files: &mut Vec<FileJob>, stdin: &[&Path]) {
    if stdin.is_empty() {
        return;
    }
    let mut dirs = CanonicalDirs::default();
    let names: BTreeSet<&OsStr> = stdin.iter().filter_map(|p| p.file_name()).collect();
    let replaced: BTreeSet<PathBuf> = stdin.iter().filter_map(|p| dirs.file(p)).collect();
    files.retain(|j| {
        if !j.path.file_name().is_some_and(|n| names.contains(n)) {
            return true;
        }
        dirs.file(&j.path).is_none_or(|me| !replaced.contains(&me))
    });
}

/// The project root of a path (a directory, or a file's directory), canonical: the nearest
/// directory upward with `.git` or an `akslint.toml` with `root = true`.
pub fn project_root(path: &Path) -> Option<PathBuf> {
    Projects::default().root_of(path)
}

/// Files made canonical through their directory, each directory resolved once.
#[derive(Default)]
struct CanonicalDirs(BTreeMap<PathBuf, Option<PathBuf>>);

impl CanonicalDirs {
    fn file(&mut self, path: &Path) -> Option<PathBuf> {
        let dir = path.parent().unwrap_or(Path::new(""));
        let canon = self
            .0
            .entry(dir.to_path_buf())
            .or_insert_with(|| canonical(dir))
            .as_ref()?;
        Some(canon.join(path.file_name()?))
    }
}

/// Which project each file belongs to: its nearest root upward. Directories are looked up as
/// written and remembered; one the walks went through is a root only if they saw a `.git` or an
/// `akslint.toml` in it, so a run over 20,000 files in 17,000 directories makes a `stat` only
/// for the few directories above what was named. Only a root found is made canonical.
#[derive(Default)]
pub(super) struct Projects {
    walked: Walked,
    /// Directory as written → its root, canonical (`None`: under no root). Looked up, never
    /// iterated.
    dirs: HashMap<OsString, Option<PathBuf>>,
    /// Canonical root → its project (0 is the files under no root).
    roots: BTreeMap<PathBuf, usize>,
}

impl Projects {
    pub fn new(walked: Walked) -> Self {
        Projects {
            walked,
            ..Projects::default()
        }
    }

    /// The project of a file (or of the file standard input is named after).
    pub fn of(&mut self, file: &Path) -> usize {
        match self.root(file) {
            Some(root) => {
                let next = self.roots.len() + 1;
                *self.roots.entry(root).or_insert(next)
            }
            None => 0,
        }
    }

    /// The canonical root of a file's project, when it has one.
    pub fn root(&mut self, file: &Path) -> Option<PathBuf> {
        self.root_of_dir(file.parent().unwrap_or(Path::new("")))
    }

    /// The canonical project root of a path (a directory, or a file's directory).
    fn root_of(&mut self, path: &Path) -> Option<PathBuf> {
        let dir = if path.is_dir() {
            path
        } else {
            path.parent().unwrap_or(Path::new(""))
        };
        self.root_of_dir(dir)
    }

    fn root_of_dir(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(r) = self.dirs.get(dir.as_os_str()) {
            return r.clone();
        }
        let root = match dir.parent() {
            // The current directory, the file system's root, or a path that climbs with `..`:
            // resolved by its real path, as git does (once: remembered).
            _ if dir.as_os_str().is_empty()
                || dir == Path::new(".")
                || dir.components().any(|c| c == Component::ParentDir) =>
            {
                let start = canonical(dir)?;
                start
                    .ancestors()
                    .find(|d| is_root(d))
                    .map(Path::to_path_buf)
            }
            None => is_root(dir).then(|| dir.to_path_buf()),
            Some(_) if self.is_root(dir) => canonical(dir),
            Some(parent) => self.root_of_dir(parent),
        };
        self.dirs.insert(dir.as_os_str().to_owned(), root.clone());
        root
    }

    fn is_root(&self, dir: &Path) -> bool {
        let d = dir.as_os_str();
        if self.walked.dirs.contains(d) && !self.walked.markers.contains(d) {
            return false;
        }
        is_root(dir)
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
