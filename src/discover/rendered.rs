//! Inputs that are not manifests until a tool renders them: the un-rendered Go templates under
//! a Helm chart's `templates/` (reported once per chart, at its `Chart.yaml`), and kustomize's
//! `kustomization.yaml` with the patches it lists (partial objects). Each is skipped with the
//! command that renders it.

use super::{Skipped, display, normalize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

const KUSTOMIZATIONS: [&str; 3] = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

pub(super) struct Rendered {
    /// Patch file → its kustomization's directory; directory (by its spelling: the files of one
    /// directory spell it alike) → the chart it lies in (templates). Looked up for every file,
    /// never iterated: hashed (a `Path` compares component by component).
    patches: HashMap<PathBuf, PathBuf>,
    /// The file names among `patches`: most files are no patch, told so without building
    /// their normalized path.
    patch_names: HashSet<OsString>,
    chart_of_dir: HashMap<OsString, Option<PathBuf>>,
    /// The directory asked about last, and its chart.
    last_dir: Option<(OsString, Option<PathBuf>)>,
    /// Chart directory → how many of its templates were found.
    charts: BTreeMap<PathBuf, usize>,
}

impl Rendered {
    /// Reads the kustomizations among `found` for their patches.
    pub fn new(found: &[PathBuf]) -> Self {
        let patches = kustomize_patches(found);
        let names = patches.keys().filter_map(|p| p.file_name());
        Rendered {
            patch_names: names.map(OsStr::to_owned).collect(),
            patches,
            chart_of_dir: HashMap::new(),
            last_dir: None,
            charts: BTreeMap::new(),
        }
    }

    /// `Some` when `path` must be rendered before it can be linted: with what to report, or
    /// `None` for a chart template (its chart is reported once, by [`Rendered::charts`]).
    pub fn skip(&mut self, path: &Path) -> Option<Option<Skipped>> {
        if let Some(chart) = self.chart_of(path) {
            *self.charts.entry(chart).or_default() += 1;
            return Some(None);
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if KUSTOMIZATIONS.contains(&name) {
            let dir = display(path.parent().unwrap_or(Path::new(".")));
            let dir = if dir.is_empty() { ".".to_string() } else { dir };
            return Some(Some(Skipped::Kustomization { dir }));
        }
        if !path
            .file_name()
            .is_some_and(|n| self.patch_names.contains(n))
        {
            return None;
        }
        let kdir = self.patches.get(&normalize(path))?;
        Some(Some(Skipped::KustomizePatch {
            kustomization: display(&kdir.join("kustomization.yaml")),
            dir: display(kdir),
        }))
    }

    /// One skip per chart whose templates were found, at its `Chart.yaml`.
    pub fn charts(self) -> impl Iterator<Item = (String, Skipped)> {
        self.charts.into_iter().map(|(chart, files)| {
            (
                display(&chart.join("Chart.yaml")),
                Skipped::HelmChart {
                    files,
                    chart: display(&chart),
                },
            )
        })
    }

    /// The chart directory when `path` lies under `<chart>/templates/` of a directory holding
    /// `Chart.yaml`.
    fn chart_of(&mut self, path: &Path) -> Option<PathBuf> {
        let dir = path.parent()?;
        // Files come a directory at a time: most ask what the file before them asked.
        if let Some((last, hit)) = &self.last_dir
            && last == dir.as_os_str()
        {
            return hit.clone();
        }
        let hit = self.chart_of_new_dir(dir);
        self.last_dir = Some((dir.as_os_str().to_owned(), hit.clone()));
        hit
    }

    fn chart_of_new_dir(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(hit) = self.chart_of_dir.get(dir.as_os_str()) {
            return hit.clone();
        }
        let hit = chart_of_dir(dir);
        self.chart_of_dir
            .insert(dir.as_os_str().to_owned(), hit.clone());
        hit
    }
}

/// The Helm chart a directory's files are templates of: the parent of a `templates/` directory
/// above it (or it) that holds a `Chart.yaml`.
pub(super) fn chart_of_dir(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .filter(|a| a.file_name().is_some_and(|n| n == "templates"))
        .filter_map(Path::parent)
        .find(|chart| chart.join("Chart.yaml").is_file())
        .map(Path::to_path_buf)
}

/// Files listed as patches by the kustomizations among `files` → the kustomization's directory.
fn kustomize_patches(files: &[PathBuf]) -> HashMap<PathBuf, PathBuf> {
    let mut out = HashMap::new();
    for k in files {
        let name = k.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !KUSTOMIZATIONS.contains(&name) {
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
