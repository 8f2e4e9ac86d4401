//! The fingerprint of every finding of the run (see [`crate::fingerprint`]), computed last,
//! where the project roots are known: a finding's path is relative to its project's root (the
//! nearest directory with `.git` or an `akslint.toml` with `root = true`, see [`super::context`]),
//! so that a run from anywhere in the repository, cached or not, gives the same fingerprints.

use super::context::Projects;
use crate::diagnostic::LintResult;
use crate::fingerprint;
use std::collections::HashMap;
use std::path::{Component, Path};

/// Sets each diagnostic's fingerprint and the path it names: helm's template for rendered
/// output, else the file's path in its project; and the paths the run judged, named alike.
pub(super) fn assign(result: &mut LintResult, projects: &mut Projects) {
    let mut paths: HashMap<String, String> = HashMap::new();
    let judged = &mut result.judged;
    for file in &judged.files {
        let path = paths
            .entry(file.clone())
            .or_insert_with(|| project_path(file, projects));
        judged.paths.insert(path.clone());
    }
    judged.paths.extend(judged.templates.iter().cloned());
    judged.dir_paths = judged.dirs.iter().map(|d| dir_path(d, projects)).collect();
    for d in &mut result.diagnostics {
        let path = match &d.source {
            Some(template) => template.clone(),
            None => paths
                .entry(d.file.clone())
                .or_insert_with(|| project_path(&d.file, projects))
                .clone(),
        };
        d.fingerprint = fingerprint::of(d.rule, &path, d.object.as_deref(), d.locator.as_deref());
        d.fingerprint_path = path;
    }
}

/// `file` relative to its project's root, with `/`; as shown (with `/`) when it is under no root
/// or cannot be resolved (standard input).
fn project_path(file: &str, projects: &mut Projects) -> String {
    let p = Path::new(file);
    let in_project = projects.root(p).and_then(|root| {
        let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
        let dir = std::fs::canonicalize(dir.unwrap_or(Path::new("."))).ok()?;
        dir.join(p.file_name()?)
            .strip_prefix(&root)
            .ok()
            .map(Path::to_path_buf)
    });
    match in_project {
        Some(rel) => slashed(&rel),
        None => slashed(p),
    }
}

/// A directory relative to its project's root (`""` for the root itself), or as shown.
fn dir_path(dir: &str, projects: &mut Projects) -> String {
    let p = Path::new(dir);
    let in_project = projects.root(&p.join("_")).and_then(|root| {
        let canon = std::fs::canonicalize(p).ok()?;
        canon.strip_prefix(&root).ok().map(Path::to_path_buf)
    });
    match in_project {
        Some(rel) => slashed(&rel),
        None => slashed(p),
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
