//! Which `akslint.toml` applies to which path: the nearest one in the file's directory or above
//! it, as ruff does (the search goes up to the file system's root, past project roots: a
//! `root = true` project's subfolders may each have their own); `--config` names one for every
//! path instead. A path under no config gets the defaults. Each config is loaded once, when the
//! first path under it is asked about; a config that does not load is an error of the run
//! (exit 2, naming the file), reported once the run knows every file it touches.
//!
//! Only the nearest config applies, never a merge of it and the ones above it: a nested config
//! is complete in itself (its `exclude`, `[[cluster]]` and `[[per-path]]` globs relative to its
//! own directory).

use crate::config::{self, Config, FILE_NAME, Overrides};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// The configurations of one run, and which applies where. Looked up from the walk's threads.
pub struct Configs<'a> {
    /// `--config` (or the one config a library caller gives): it applies to everything.
    one: Option<&'a Config>,
    overrides: Overrides,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// The loaded configs; 0 is the defaults (for paths under none).
    loaded: Vec<Arc<Config>>,
    /// Directory, normalized → the config that applies to its files. Looked up, never iterated;
    /// hashed on its bytes (a normalized path has one spelling).
    dirs: HashMap<OsString, usize>,
    /// The same, by the directory's spelling as asked (its bytes: hashed without parsing
    /// components), so that the files of one directory are looked up at the cost of one hash.
    spelled: HashMap<OsString, usize>,
    /// Config files that did not load → why.
    errors: BTreeMap<PathBuf, String>,
    /// What each config was used for (for `--verbose`); the configs of the named paths are
    /// there too, even with no file.
    used: BTreeMap<usize, Usage>,
}

/// How many files a config was used for, and the first few by name.
#[derive(Default)]
struct Usage {
    files: usize,
    first: BTreeSet<String>,
}

/// How many files `--verbose` names per config.
const SHOWN: usize = 3;

/// The index of the defaults among [`Configs::with_all`]'s configs.
pub const DEFAULTS: usize = 0;

impl<'a> Configs<'a> {
    /// One config for every path (`--config`).
    pub fn one(cfg: &'a Config) -> Self {
        Configs {
            one: Some(cfg),
            overrides: Overrides::default(),
            state: Mutex::new(State::default()),
        }
    }

    /// The nearest config applies to each path, with the command line's rule selection applied
    /// to every one (and to the defaults, rooted at the current directory).
    pub fn nearest(overrides: Overrides) -> Result<Self, String> {
        let defaults = Config::load_with(None, Path::new(""), &overrides)?;
        let state = State {
            loaded: vec![Arc::new(defaults)],
            ..State::default()
        };
        Ok(Configs {
            one: None,
            overrides,
            state: Mutex::new(state),
        })
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The config of a file (or of the file standard input is named after): an index into
    /// [`Configs::with_all`]'s list.
    pub fn of_file(&self, file: &Path) -> usize {
        self.of_dir(file.parent().unwrap_or(Path::new("")))
    }

    /// The config of the files in `dir` (`./a` and `a` are one directory).
    pub fn of_dir(&self, dir: &Path) -> usize {
        if self.one.is_some() {
            return 0;
        }
        let mut state = self.state();
        if let Some(&i) = state.spelled.get(dir.as_os_str()) {
            return i;
        }
        let i = self.nearest_in(&mut state, &crate::discover::normalize(dir));
        state.spelled.insert(dir.as_os_str().to_owned(), i);
        i
    }

    fn nearest_in(&self, state: &mut State, dir: &Path) -> usize {
        if let Some(&i) = state.dirs.get(dir.as_os_str()) {
            return i;
        }
        let found = if dir.components().any(|c| c == Component::ParentDir) {
            // `../x`: looked up by where it is, not by its spelling's ancestors.
            self.nearest_in(state, &config::absolute(dir))
        } else {
            let file = dir.join(FILE_NAME);
            let is_cwd = dir.as_os_str().is_empty();
            if file.is_file() {
                self.load(state, file)
            } else if is_cwd {
                // Above the current directory, by its absolute path.
                let cwd = config::absolute(Path::new(""));
                match cwd.parent() {
                    Some(up) => self.nearest_in(state, up),
                    None => DEFAULTS,
                }
            } else {
                match dir.parent() {
                    Some(up) => self.nearest_in(state, up),
                    None => DEFAULTS,
                }
            }
        };
        state.dirs.insert(dir.as_os_str().to_owned(), found);
        found
    }

    /// Loads a config file (the defaults stand in for one that does not load: the run ends
    /// with its error before reporting anything).
    fn load(&self, state: &mut State, file: PathBuf) -> usize {
        match Config::load_with(Some(&file), Path::new(""), &self.overrides) {
            Ok(c) => {
                state.loaded.push(Arc::new(c));
                state.loaded.len() - 1
            }
            Err(e) => {
                state.errors.insert(file, e);
                DEFAULTS
            }
        }
    }

    /// The config of a path named on the command line (a directory's own, a file's), noted for
    /// `--verbose` even when no file under it is linted.
    pub fn of_named(&self, path: &Path) -> usize {
        let i = match path.is_dir() {
            true => self.of_dir(path),
            false => self.of_file(path),
        };
        self.state().used.entry(i).or_default();
        i
    }

    /// Is the file excluded by the `exclude` of its config?
    pub fn excluded(&self, file: &Path) -> bool {
        if let Some(c) = self.one {
            return c.excluded(file);
        }
        let i = self.of_file(file);
        let cfg = self.state().loaded[i].clone();
        cfg.excluded(file)
    }

    /// The first config (by path) that did not load, as the run's error.
    pub fn error(&self) -> Option<String> {
        self.state().errors.values().next().cloned()
    }

    /// Calls `f` with every config loaded so far, in the order [`Configs::of_file`] indexes them.
    pub fn with_all<R>(&self, f: impl FnOnce(&[&Config]) -> R) -> R {
        if let Some(c) = self.one {
            return f(&[c]);
        }
        let loaded = self.state().loaded.clone();
        let all: Vec<&Config> = loaded.iter().map(|c| &**c).collect();
        f(&all)
    }

    /// The config that stands for the whole run where one must (the SARIF `helpUri` base, the
    /// cap on standard input): `--config`, else the one of `path` (a directory's own, a file's).
    pub fn with_config_of<R>(&self, path: &Path, f: impl FnOnce(&Config) -> R) -> R {
        if let Some(c) = self.one {
            return f(c);
        }
        let i = match path.is_dir() {
            true => self.of_dir(path),
            false => self.of_file(path),
        };
        let cfg = self.state().loaded[i].clone();
        f(&cfg)
    }

    /// Whether every config the run used (for a named path or a reported file) selects the rule
    /// `id`: a baseline entry is judged only then (an entry under a config that leaves its rule
    /// out is never called stale, nor removed by `--update`).
    pub fn all_used_select(&self, id: &str) -> bool {
        if let Some(c) = self.one {
            return c.enabled(id);
        }
        let state = self.state();
        state.used.keys().all(|&i| state.loaded[i].enabled(id))
    }

    /// Notes that the file shown as `file` was judged with config `i` (each file once).
    pub fn note_use(&self, i: usize, file: &str) {
        let mut state = self.state();
        let usage = state.used.entry(i).or_default();
        usage.files += 1;
        if usage.first.len() < SHOWN || usage.first.last().is_some_and(|l| l.as_str() > file) {
            usage.first.insert(file.to_string());
            if usage.first.len() > SHOWN {
                usage.first.pop_last();
            }
        }
    }

    /// What `--verbose` says: which config applied to which files (or that none did).
    pub fn usage(&self) -> Vec<String> {
        let state = self.state();
        if let Some(c) = self.one {
            let n: usize = state.used.values().map(|u| u.files).sum();
            let path = c.path.as_deref().unwrap_or(Path::new("(none)"));
            return vec![format!(
                "config {} (--config) applies to every file ({n})",
                path.display()
            )];
        }
        let mut lines: Vec<String> = state
            .used
            .iter()
            .map(|(&i, usage)| {
                let which = match &state.loaded[i].path {
                    Some(p) => format!("config {}", p.display()),
                    None => "no akslint.toml (the defaults)".to_string(),
                };
                format!("{which} applies to {}", listed(usage))
            })
            .collect();
        lines.sort();
        lines
    }
}

/// `N files: a, b, c and N more`.
fn listed(usage: &Usage) -> String {
    let n = usage.files;
    if n == 0 {
        return "no file".to_string();
    }
    let first: Vec<&str> = usage.first.iter().map(String::as_str).collect();
    let head = first.join(", ");
    let noun = if n == 1 { "file" } else { "files" };
    match n.saturating_sub(SHOWN) {
        0 => format!("{n} {noun}: {head}"),
        more => format!("{n} {noun}: {head} and {more} more"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_config_applies() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("a/b/c")).unwrap();
        std::fs::write(d.join("akslint.toml"), "select = [\"AKS401\"]\n").unwrap();
        std::fs::write(d.join("a/b/akslint.toml"), "select = [\"AKS402\"]\n").unwrap();
        let c = Configs::nearest(Overrides::default()).unwrap();
        let top = c.of_file(&d.join("a/x.yaml"));
        let nested = c.of_file(&d.join("a/b/c/x.yaml"));
        assert_ne!(top, nested);
        assert_eq!(c.of_file(&d.join("x.yaml")), top);
        assert_eq!(c.of_file(&d.join("a/b/x.yaml")), nested);
        c.with_all(|all| {
            assert_eq!(all.len(), 3, "each config loaded once, beside the defaults");
            assert!(all[nested].enabled("AKS402") && !all[nested].enabled("AKS401"));
        });
        assert!(c.error().is_none());
    }

    #[test]
    fn a_broken_config_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/akslint.toml"), "selct = []\n").unwrap();
        let c = Configs::nearest(Overrides::default()).unwrap();
        c.of_file(&d.join("sub/x.yaml"));
        let e = c.error().unwrap();
        assert!(e.contains("sub/akslint.toml") && e.contains("selct"), "{e}");
    }

    #[test]
    fn usage_lists_a_few_files() {
        let c = Configs::nearest(Overrides::default()).unwrap();
        let usage = |c: &Configs<'_>| listed(&c.state().used[&DEFAULTS]);
        c.note_use(DEFAULTS, "e");
        assert_eq!(usage(&c), "1 file: e");
        for f in ["d", "b", "a", "c"] {
            c.note_use(DEFAULTS, f);
        }
        assert_eq!(usage(&c), "5 files: a, b, c and 2 more");
        assert_eq!(listed(&Usage::default()), "no file");
    }
}
