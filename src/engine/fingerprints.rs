//! The fingerprint of every finding of the run (see [`crate::fingerprint`]), computed last,
//! where the project roots are known: a finding's path is relative to its project's root (the
//! nearest directory with `.git` or an `akslint.toml` with `root = true`, see [`super::context`]),
//! so that a run from anywhere in the repository, cached or not, gives the same fingerprints.

use super::context::Projects;
use crate::diagnostic::LintResult;
use crate::fingerprint;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Sets each diagnostic's fingerprint and the path it names: helm's template for rendered
/// output, else the file's path in its project; and the paths the run judged, named alike.
pub(super) fn assign(result: &mut LintResult, projects: &mut Projects) {
    let mut names = Names {
        projects,
        dirs: HashMap::new(),
        files: HashMap::new(),
    };
    let judged = &mut result.judged;
    for file in &judged.files {
        judged.paths.insert(names.file(file).to_string());
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
                let name = names.file(&d.file).to_string();
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
    /// Directory as shown → relative to its project's root (`None`: under no root).
    dirs: HashMap<PathBuf, Option<String>>,
    /// File as shown → its name.
    files: HashMap<String, String>,
}

impl Names<'_> {
    /// `file` relative to its project's root, with `/`; as shown (with `/`) when it is under no
    /// root or cannot be resolved (standard input).
    fn file(&mut self, file: &str) -> &str {
        if !self.files.contains_key(file) {
            let p = Path::new(file);
            let dir = p.parent().unwrap_or(Path::new(""));
            let name = match (self.dir(dir), p.file_name()) {
                (Some(""), Some(n)) => n.to_string_lossy().into_owned(),
                (Some(d), Some(n)) => format!("{d}/{}", n.to_string_lossy()),
                _ => slashed(p),
            };
            self.files.insert(file.to_string(), name);
        }
        &self.files[file]
    }

    /// A directory relative to its project's root (`""` for the root itself).
    fn dir(&mut self, dir: &Path) -> Option<&str> {
        if !self.dirs.contains_key(dir) {
            let rel = self.projects.root(&dir.join("_")).and_then(|root| {
                let shown = if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                };
                let canon = std::fs::canonicalize(shown).ok()?;
                canon.strip_prefix(&root).ok().map(slashed)
            });
            self.dirs.insert(dir.to_path_buf(), rel);
        }
        self.dirs[dir].as_deref()
    }
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
    use super::slashed;
    use std::path::Path;

    #[test]
    fn paths_are_written_with_slashes() {
        assert_eq!(slashed(Path::new("./k8s/a.yaml")), "k8s/a.yaml");
        assert_eq!(slashed(Path::new("/abs/a.yaml")), "/abs/a.yaml");
        assert_eq!(slashed(Path::new("../x/a.tf")), "../x/a.tf");
        assert_eq!(slashed(Path::new("<stdin>")), "<stdin>");
    }
}
