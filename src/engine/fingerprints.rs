//! The fingerprint of every finding of the run (see [`crate::fingerprint`]), computed last,
//! where the project roots are known: a finding's path is relative to its project's root (the
//! nearest directory with `.git` or an `akslint.toml` with `root = true`, see [`super::context`]),
//! so that a run from anywhere in the repository, cached or not, gives the same fingerprints.

use super::context::Projects;
use crate::diagnostic::LintResult;
use crate::fingerprint;
use rayon::prelude::*;
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

/// Sets each diagnostic's fingerprint and the path it names: helm's template for rendered
/// output, else the file's path in its project; and the paths the run judged, named alike.
pub(super) fn assign(result: &mut LintResult, projects: &mut Projects) {
    let mut names = Names {
        projects,
        dirs: HashMap::new(),
        real: HashMap::new(),
        last: None,
    };
    let judged = &mut result.judged;
    for file in &judged.files {
        judged.paths.insert(names.file(file));
    }
    judged.paths.extend(judged.templates.iter().cloned());
    judged.dir_paths = judged
        .dirs
        .iter()
        .map(|d| {
            names
                .dir(Path::new(d))
                .map_or_else(|| slashed(Path::new(d)), str::to_string)
        })
        .collect();
    // Diagnostics come sorted by file: most have the previous one's file.
    let mut last: Option<(String, String)> = None;
    for d in &mut result.diagnostics {
        let path = match (&d.source, &last) {
            (Some(template), _) => template.clone(),
            (None, Some((file, name))) if *file == d.file => name.clone(),
            (None, _) => {
                let name = names.file(&d.file);
                last = Some((d.file.clone(), name.clone()));
                name
            }
        };
        d.fingerprint_path = path;
    }
    // The hashes on the run's threads (within its pool): 100,000 findings are 100,000 hashes.
    result.diagnostics.par_iter_mut().for_each(|d| {
        d.fingerprint = fingerprint::of(
            d.rule,
            &d.fingerprint_path,
            d.object.as_deref(),
            d.locator.as_deref(),
        );
    });
}

/// Paths as fingerprints name them, each directory resolved once.
struct Names<'p> {
    projects: &'p mut Projects,
    /// Directory as shown → relative to its project's root (`None`: under no root). Keyed by
    /// its bytes: hashing a `Path` parses its components.
    dirs: HashMap<OsString, Option<String>>,
    /// Directory as shown → its real path (`None`: it cannot be resolved).
    real: HashMap<PathBuf, Option<PathBuf>>,
    /// The directory looked up last and what it gave: files come sorted, most share it.
    last: Option<(OsString, Option<String>)>,
}

impl Names<'_> {
    /// `file` relative to its project's root, with `/`; as shown (with `/`) when it is under no
    /// root or cannot be resolved (standard input).
    fn file(&mut self, file: &str) -> String {
        let p = Path::new(file);
        let dir = p.parent().unwrap_or(Path::new(""));
        match (self.dir(dir), p.file_name()) {
            (Some(""), Some(n)) => n.to_string_lossy().into_owned(),
            (Some(d), Some(n)) => format!("{d}/{}", n.to_string_lossy()),
            _ => slashed(p),
        }
    }

    /// A directory relative to its project's root (`""` for the root itself).
    fn dir(&mut self, dir: &Path) -> Option<&str> {
        let is_last = matches!(&self.last, Some((d, _)) if d == dir.as_os_str());
        if !is_last {
            let rel = match self.dirs.get(dir.as_os_str()) {
                Some(rel) => rel.clone(),
                None => {
                    let rel = self.resolve(dir);
                    self.dirs.insert(dir.as_os_str().to_owned(), rel.clone());
                    rel
                }
            };
            self.last = Some((dir.as_os_str().to_owned(), rel));
        }
        self.last.as_ref().and_then(|(_, rel)| rel.as_deref())
    }

    fn resolve(&mut self, dir: &Path) -> Option<String> {
        let root = self.projects.root(&dir.join("_"))?;
        let shown = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let canon = real_path(&mut self.real, shown)?;
        canon.strip_prefix(&root).ok().map(slashed)
    }
}

/// A directory's real path, as `std::fs::canonicalize` gives it, from its parent's (remembered
/// in `known`) when its last component is a plain name that is no symbolic link: one `lstat`
/// instead of resolving every component again (10,000 directories, each 8 deep).
fn real_path(known: &mut HashMap<PathBuf, Option<PathBuf>>, dir: &Path) -> Option<PathBuf> {
    if let Some(r) = known.get(dir) {
        return r.clone();
    }
    let from_parent = match (dir.parent(), dir.components().next_back()) {
        (Some(parent), Some(Component::Normal(name))) if !parent.as_os_str().is_empty() => {
            let is_link = std::fs::symlink_metadata(dir).map(|m| m.file_type().is_symlink());
            match is_link {
                Ok(false) => real_path(known, parent).map(|p| Some(p.join(name))),
                _ => None,
            }
        }
        _ => None,
    };
    let real = from_parent.unwrap_or_else(|| std::fs::canonicalize(dir).ok());
    known.insert(dir.to_path_buf(), real.clone());
    real
}

/// A path's components joined by `/`, without `.` (`./k8s/a.yaml` is `k8s/a.yaml`).
fn slashed(p: &Path) -> String {
    let mut out = String::new();
    for c in p.components() {
        match c {
            Component::CurDir => continue,
            Component::RootDir => {
                out.push('/');
                continue;
            }
            c => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&c.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{real_path, slashed};
    use std::collections::HashMap;
    use std::path::Path;

    #[test]
    fn real_paths_are_those_canonicalize_gives() {
        let tmp = tempfile::tempdir().unwrap();
        let top = tmp.path();
        std::fs::create_dir_all(top.join("a/b/c")).unwrap();
        std::fs::create_dir_all(top.join("elsewhere/d")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(top.join("elsewhere"), top.join("a/link")).unwrap();
        let mut known = HashMap::new();
        let mut dirs = vec!["a", "a/b", "a/b/c", "a/b/../b/c", "elsewhere/d", "a/b/."];
        if cfg!(unix) {
            dirs.extend(["a/link", "a/link/d", "a/link/d/.."]);
        }
        for d in dirs {
            let p = top.join(d);
            assert_eq!(
                real_path(&mut known, &p),
                Some(std::fs::canonicalize(&p).unwrap()),
                "{d}"
            );
        }
        assert_eq!(real_path(&mut known, &top.join("a/missing")), None);
    }

    #[test]
    fn paths_are_written_with_slashes() {
        assert_eq!(slashed(Path::new("./k8s/a.yaml")), "k8s/a.yaml");
        assert_eq!(slashed(Path::new("/abs/a.yaml")), "/abs/a.yaml");
        assert_eq!(slashed(Path::new("../x/a.tf")), "../x/a.tf");
        assert_eq!(slashed(Path::new("<stdin>")), "<stdin>");
    }
}
