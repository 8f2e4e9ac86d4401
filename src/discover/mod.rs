//! Discovery: the files to lint, in sorted order, classified; what is deliberately skipped
//! (un-rendered Helm templates, kustomize patches: see [`rendered`]) or cannot be read is
//! returned as [`Skipped`], which the engine reports (AKS006, AKS001).

mod rendered;
mod walk;

use crate::configs::Configs;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ffi::OsString;
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
    /// `.tfvars` named on the command line that Terraform would not read by itself (not
    /// `terraform.tfvars`, not `*.auto.tfvars`): read as var files of their directory's module,
    /// as `--var-file` would be.
    pub named_var_files: Vec<PathBuf>,
    /// What was found but is not linted, by display path (empty when the walk could not name
    /// one).
    pub skipped: Vec<(String, Skipped)>,
    /// The directories the walks went through, for finding project roots.
    pub walked: Walked,
}

/// The directories walked (as the walk names them) and those of them that hold `.git` or an
/// `akslint.toml`: whether a walked directory is a project root is known without a `stat`.
/// Sets for lookups only (never iterated: no order to depend on), hashed on the path's bytes.
#[derive(Debug, Default, Clone)]
pub struct Walked {
    pub dirs: HashSet<OsString>,
    pub markers: HashSet<OsString>,
}

impl Walked {
    pub fn extend(&mut self, mut other: Walked) {
        // The smaller set goes into the larger: a run's walks meet several times.
        if other.dirs.len() > self.dirs.len() {
            std::mem::swap(self, &mut other);
        }
        self.dirs.extend(other.dirs);
        self.markers.extend(other.markers);
    }
}

/// A path found but not linted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// The walk could not read it (the error).
    Unreadable(String),
    /// A symbolic link to nothing (the error).
    BrokenLink(String),
    /// A FIFO, device or socket (or a link to one) with a linted extension: never opened, since
    /// opening a FIFO blocks until a writer comes and a device may never end. What it is.
    NotRegular(&'static str),
    /// A `kustomization.yaml`, in the directory `dir` (as shown).
    Kustomization { dir: String },
    /// A patch listed by the kustomization `kustomization` (as shown) of `dir`.
    KustomizePatch { kustomization: String, dir: String },
    /// `files` templates of the Helm chart in `chart` (as shown), reported at its `Chart.yaml`.
    HelmChart { files: usize, chart: String },
}

pub fn classify(path: &Path) -> Option<FileKind> {
    // akslint's own baseline is no manifest.
    if path.file_name() == Some(crate::baseline::FILE_NAME.as_ref()) {
        return None;
    }
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    let name = path.file_name()?.to_string_lossy();
    match ext.as_str() {
        "yaml" | "yml" => Some(FileKind::Yaml),
        // Terraform's JSON syntax (`main.tf.json`, `prod.tfvars.json`) is Terraform.
        "json" if crate::terraform::json_syntax::is_json(&name) => Some(FileKind::Terraform),
        "json" => Some(FileKind::Json),
        "tf" | "tfvars" => Some(FileKind::Terraform),
        _ => None,
    }
}

/// Whether a file is an un-rendered template of a Helm chart (under a `templates/` directory
/// whose parent holds `Chart.yaml`): not YAML until `helm template` renders it. The walks
/// report its chart once (AKS006); an editor's buffer of one is not linted.
pub fn chart_template(path: &Path) -> bool {
    path.parent().and_then(rendered::chart_of_dir).is_some()
}

/// A path as shown in findings (see [`crate::source::shown_path`]), without a leading `./`.
pub fn display(path: &Path) -> String {
    crate::source::shown_path(path)
}

/// Walks and classifies, the walks on `threads` threads (0: one per core). A named path that
/// does not exist is an error (exit 2).
///
/// `force_exclude`: `exclude` applies to named files too (else only to what a walk finds). The
/// `exclude` that applies to a file is that of its own config (see [`crate::configs`]).
pub fn discover(
    paths: &[PathBuf],
    configs: &Configs<'_>,
    force_exclude: bool,
    threads: usize,
) -> Result<Discovered, String> {
    let mut out = Discovered::default();
    let mut found: Vec<PathBuf> = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| format!("{}: {e}", p.display()))?;
        if meta.is_dir() {
            let walked = walk::walk(p, configs, threads);
            found.extend(walked.files);
            out.skipped.extend(walked.skipped);
            out.walked.extend(walked.walked);
        } else if !meta.is_file() {
            if classify(p).is_some() {
                out.skipped
                    .push((display(p), Skipped::NotRegular(special_kind(&meta))));
            }
        } else if force_exclude && configs.excluded(p) {
            continue;
        } else if let Some(kind) = classify(p) {
            if kind == FileKind::Terraform {
                out.named_modules
                    .push(normalize(p.parent().unwrap_or(Path::new(""))));
                if is_var_file(p) {
                    out.named_var_files.push(p.clone());
                }
            }
            found.push(p.clone());
        }
    }
    let found = sorted_set(found);
    let mut rendered = rendered::Rendered::new(&found);
    let mut tf_dirs: BTreeMap<PathBuf, bool> = BTreeMap::new();
    for path in found {
        if let Some(skip) = rendered.skip(&path) {
            out.skipped.extend(skip.map(|s| (display(&path), s)));
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
    // `check . a.yaml` finds `./a.yaml` and `a.yaml`: one file, linted once.
    let mut shown = BTreeSet::new();
    out.files.retain(|f| shown.insert(f.display.clone()));
    out.named_modules.sort();
    out.named_modules.dedup();
    out.named_modules.retain(|d| tf_dirs.get(d) == Some(&true));
    out.modules = tf_dirs
        .into_iter()
        .filter_map(|(d, is_module)| is_module.then_some(d))
        .collect();
    out.skipped.extend(rendered.charts());
    Ok(out)
}

/// The paths in `Path` order, each once — as a `BTreeSet<PathBuf>` would hold them, at a
/// fraction of its cost: a `Path` compares by parsing both into components, which 20,000
/// inserts into a set do 400,000 times. Here each path is parsed once into bytes that compare
/// as its components do ([`order_key`]).
fn sorted_set(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut keys: Vec<(Vec<u8>, usize)> = paths
        .iter()
        .enumerate()
        .map(|(i, p)| (order_key(p), i))
        .collect();
    keys.sort_unstable();
    keys.dedup_by(|a, b| a.0 == b.0);
    let mut slots: Vec<Option<PathBuf>> = paths.into_iter().map(Some).collect();
    keys.into_iter()
        .filter_map(|(_, i)| slots[i].take())
        .collect()
}

/// Bytes that order as the path's components do: each component as its kind's rank (in
/// `Component`'s order) then, for a name, its bytes, then a 0 byte (no name holds one, so a
/// name that is a prefix of another sorts first, as it does among components).
fn order_key(p: &Path) -> Vec<u8> {
    use std::path::Component;
    let mut key = Vec::with_capacity(p.as_os_str().len() + 8);
    for c in p.components() {
        match c {
            Component::Prefix(x) => {
                key.push(1);
                key.extend_from_slice(x.as_os_str().as_encoded_bytes());
            }
            Component::RootDir => key.push(2),
            Component::CurDir => key.push(3),
            Component::ParentDir => key.push(4),
            Component::Normal(name) => {
                key.push(5);
                key.extend_from_slice(name.as_encoded_bytes());
            }
        }
        key.push(0);
    }
    key
}

/// What a file that is neither a regular file nor a directory is, for the finding.
pub fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        } else if t.is_char_device() {
            return "a character device";
        } else if t.is_block_device() {
            return "a block device";
        } else if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "a special file"
}

/// A `.tfvars` that Terraform reads only when it is named (`-var-file`).
fn is_var_file(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    (name.ends_with(".tfvars") || name.ends_with(".tfvars.json"))
        && crate::terraform::module::classify(&name).is_none()
}

fn has_tf_file(dir: &Path) -> bool {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    std::fs::read_dir(dir).is_ok_and(|rd| {
        rd.flatten().any(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            (name.ends_with(".tf") || name.ends_with(".tf.json"))
                && e.file_type().is_ok_and(|t| t.is_file())
        })
    })
}

/// `a/./b/../c` → `a/c`, lexically (as the walker reports paths); `..` that climbs above
/// where a relative path starts stays (`../../x`), and `/..` is `/`.
pub fn normalize(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                Some(Component::ParentDir | Component::CurDir) | None => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing_keeps_every_parent_above_the_start() {
        let n = |p: &str| normalize(Path::new(p));
        assert_eq!(n("a/./b/../c"), Path::new("a/c"));
        assert_eq!(n("../../tmp/x"), Path::new("../../tmp/x"));
        assert_eq!(n("a/../../b"), Path::new("../b"));
        assert_eq!(n("./../a/.."), Path::new(".."));
        assert_eq!(n("/../a"), Path::new("/a"));
        assert_eq!(n("/a/b/../../.."), Path::new("/"));
    }

    /// What discovery did before: each path inserted into a set in turn (the first spelling of
    /// a path stays).
    fn as_set(paths: &[PathBuf]) -> Vec<String> {
        let mut set = BTreeSet::new();
        for p in paths {
            set.insert(p.clone());
        }
        set.iter().map(|p| p.display().to_string()).collect()
    }

    fn shown(paths: Vec<PathBuf>) -> Vec<String> {
        paths.iter().map(|p| p.display().to_string()).collect()
    }

    /// The walk's files come out as a `BTreeSet<PathBuf>` held them: the same order (component
    /// by component: `a/b` before `a-b`, `./x` before `-y`, a name before a longer one it
    /// begins) and each path once however it is spelled (`a//b` is `a/b`), its first spelling.
    #[test]
    fn sorted_set_is_a_path_set() {
        let spellings = [
            "a-b", "a/b", "a", "a/b/c", "ab", "./x", "-y", "a//b", "../up", "/abs/p", "a/b.",
            "a/b/", "a.b/c", "z", "./a", "é/f", "a/.b", "a/b c", "A", "a/B",
        ];
        let mut paths: Vec<PathBuf> = spellings.iter().map(PathBuf::from).collect();
        assert_eq!(shown(sorted_set(paths.clone())), as_set(&paths));
        paths.reverse();
        assert_eq!(shown(sorted_set(paths.clone())), as_set(&paths));
    }
}
