//! `akslint.toml`: found from the current directory upward, or named with `--config`.

use crate::diagnostic::Severity;
use crate::rules::image_ref::{DEFAULT_ALLOWED_REGISTRIES, RegistryPattern};
use crate::yaml::YamlLimits;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "akslint.toml";

/// The file as written. Unknown keys are errors (with their position, from `toml`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Rules to run: IDs, names or ID prefixes (`AKS4`). Default: all.
    pub select: Option<Vec<String>>,
    /// Rules not to run (IDs, names or prefixes).
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Path globs (relative to the config file) never linted.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Base URL of the rule docs for SARIF `helpUri` (e.g. `https://github.com/o/r/blob/main/rules/`).
    pub docs_url: Option<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    #[serde(default)]
    pub per_path: Vec<PerPath>,
    #[serde(default)]
    pub per_object: Vec<PerObject>,
    #[serde(default)]
    pub limits: LimitsFile,
    #[serde(default)]
    pub rules: RuleParams,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct PerPath {
    pub paths: Vec<String>,
    pub ignore: Vec<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct PerObject {
    pub kind: Option<String>,
    pub namespace: Option<String>,
    pub name: Option<String>,
    pub ignore: Vec<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Default, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LimitsFile {
    pub file_size: Option<u64>,
    pub terraform_file_size: Option<u64>,
    pub depth: Option<usize>,
    pub nodes: Option<usize>,
    pub aliases: Option<u64>,
}

/// Rule parameters (`[rules.AKS603]`).
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct RuleParams {
    #[serde(rename = "AKS603", default)]
    pub aks603: Aks603Params,
    #[serde(rename = "AKS701", default)]
    pub aks701: ManagedElsewhere,
    #[serde(rename = "AKS702", default)]
    pub aks702: ManagedElsewhere,
    #[serde(rename = "AKS703", default)]
    pub aks703: ManagedElsewhere,
}

/// `[rules.AKS701]` … `[rules.AKS703]`: the rules that search the whole scanned configuration
/// (diagnostic settings, Defender plans) for something that may live in another repository or an
/// Azure Policy. `managed-elsewhere = true` silences only the rule's "none found" case.
#[derive(Debug, Default, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ManagedElsewhere {
    #[serde(default)]
    pub managed_elsewhere: bool,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Aks603Params {
    /// Host globs with an optional path prefix; `None` means the default list.
    pub allowed_registries: Option<Vec<String>>,
    /// The allow-list in force, parsed once when the config is loaded.
    #[serde(skip)]
    pub patterns: Vec<RegistryPattern>,
}

/// Limits in force.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub file_size: u64,
    /// Terraform files cost ~25× their size in memory (up to 64× on dense lists): a lower cap.
    pub terraform_file_size: u64,
    pub yaml: YamlLimits,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_size: 10 * 1024 * 1024,
            terraform_file_size: crate::terraform::parse::DEFAULT_FILE_SIZE,
            yaml: YamlLimits::default(),
        }
    }
}

/// The resolved configuration.
#[derive(Debug)]
pub struct Config {
    /// Directory of the config file (globs are relative to it); the cwd without one.
    pub root: PathBuf,
    pub path: Option<PathBuf>,
    pub file: ConfigFile,
    pub limits: Limits,
    enabled: Vec<&'static str>,
    exclude: GlobSet,
    per_path: Vec<(GlobSet, Vec<String>)>,
}

impl Config {
    /// The default configuration rooted at `root`.
    pub fn default_at(root: &Path) -> Config {
        Config::from_file(ConfigFile::default(), root.to_path_buf(), None)
            .expect("the default config is valid")
    }

    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Config::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, String> {
        let file: ConfigFile =
            toml::from_str(text).map_err(|e| format!("{}: {e}", path.display()))?;
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Config::from_file(file, root, Some(path.to_path_buf()))
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Finds `akslint.toml` in `dir` or its ancestors.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    fn from_file(
        mut file: ConfigFile,
        root: PathBuf,
        path: Option<PathBuf>,
    ) -> Result<Config, String> {
        let registries: Vec<String> = match &file.rules.aks603.allowed_registries {
            Some(list) => list.clone(),
            None => DEFAULT_ALLOWED_REGISTRIES
                .iter()
                .map(|s| s.to_string())
                .collect(),
        };
        file.rules.aks603.patterns = registries
            .iter()
            .map(|p| {
                RegistryPattern::parse(p)
                    .map_err(|e| format!("[rules.AKS603] allowed-registries: `{p}`: {e}"))
            })
            .collect::<Result<_, _>>()?;
        let all: Vec<&'static str> = crate::rules::all().iter().map(|r| r.meta().id).collect();
        let check = |list: &[String], what: &str| -> Result<(), String> {
            for s in list {
                if !all.iter().any(|id| selector_matches(s, id)) {
                    return Err(format!(
                        "`{what}` names `{s}`, which is no rule ID, name or ID prefix"
                    ));
                }
            }
            Ok(())
        };
        if let Some(sel) = &file.select {
            check(sel, "select")?;
        }
        check(&file.ignore, "ignore")?;
        for key in file.severity.keys() {
            check(std::slice::from_ref(key), "severity")?;
        }
        for p in &file.per_path {
            check(&p.ignore, "per-path.ignore")?;
        }
        for p in &file.per_object {
            check(&p.ignore, "per-object.ignore")?;
            for g in [&p.kind, &p.namespace, &p.name].into_iter().flatten() {
                Glob::new(g).map_err(|e| e.to_string())?;
            }
        }
        let enabled = all
            .iter()
            .copied()
            .filter(|id| {
                file.select
                    .as_ref()
                    .is_none_or(|s| s.iter().any(|x| selector_matches(x, id)))
            })
            .filter(|id| !file.ignore.iter().any(|x| selector_matches(x, id)))
            .collect();
        let exclude = globs(&file.exclude)?;
        let per_path = file
            .per_path
            .iter()
            .map(|p| Ok((globs(&p.paths)?, p.ignore.clone())))
            .collect::<Result<_, String>>()?;
        let d = Limits::default();
        let l = file.limits;
        let limits = Limits {
            file_size: l.file_size.unwrap_or(d.file_size),
            terraform_file_size: l.terraform_file_size.unwrap_or(d.terraform_file_size),
            yaml: YamlLimits {
                depth: l.depth.unwrap_or(d.yaml.depth),
                nodes: l.nodes.unwrap_or(d.yaml.nodes),
                aliases: l.aliases.unwrap_or(d.yaml.aliases),
            },
        };
        Ok(Config {
            root,
            path,
            file,
            limits,
            enabled,
            exclude,
            per_path,
        })
    }

    /// Is the rule selected (and not ignored)?
    pub fn enabled(&self, id: &str) -> bool {
        self.enabled.contains(&id)
    }

    pub fn severity(&self, id: &str, default: Severity) -> Severity {
        self.file
            .severity
            .iter()
            .filter(|(k, _)| selector_matches(k, id))
            .max_by_key(|(k, _)| k.len())
            .map_or(default, |(_, s)| *s)
    }

    fn relative<'p>(&self, path: &'p Path) -> &'p Path {
        let root = if self.root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &self.root
        };
        path.strip_prefix(root)
            .or_else(|_| path.strip_prefix("./"))
            .unwrap_or(path)
    }

    /// Is the path excluded by `exclude`?
    pub fn excluded(&self, path: &Path) -> bool {
        let rel = self.relative(path);
        self.exclude.is_match(rel)
            || rel
                .ancestors()
                .skip(1)
                .any(|a| !a.as_os_str().is_empty() && self.exclude.is_match(a))
    }

    /// Is the rule ignored for this path by `[[per-path]]`?
    pub fn ignored_for_path(&self, path: &Path, id: &str) -> bool {
        let rel = self.relative(path);
        self.per_path
            .iter()
            .any(|(g, ignore)| g.is_match(rel) && ignore.iter().any(|x| selector_matches(x, id)))
    }

    /// Is the rule ignored for this object by `[[per-object]]`?
    pub fn ignored_for_object(
        &self,
        kind: &str,
        namespace: Option<&str>,
        name: Option<&str>,
        id: &str,
    ) -> bool {
        let m = |pat: &Option<String>, v: Option<&str>| match pat {
            None => true,
            Some(p) => Glob::new(p).is_ok_and(|g| g.compile_matcher().is_match(v.unwrap_or(""))),
        };
        self.file.per_object.iter().any(|p| {
            m(&p.kind, Some(kind))
                && m(&p.namespace, namespace)
                && m(&p.name, name)
                && p.ignore.iter().any(|x| selector_matches(x, id))
        })
    }
}

/// Does a selector (ID, name, or ID prefix such as `AKS4`) name this rule ID?
pub fn selector_matches(selector: &str, id: &str) -> bool {
    if selector.len() >= 3
        && id.len() >= selector.len()
        && id[..selector.len()].eq_ignore_ascii_case(selector)
    {
        return selector.to_ascii_uppercase().starts_with("AKS");
    }
    crate::rules::id_of(selector) == Some(id)
}

fn globs(patterns: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).map_err(|e| format!("bad glob `{p}`: {e}"))?);
        // `dir/` or `dir` also covers everything under it.
        b.add(Glob::new(&format!("{}/**", p.trim_end_matches('/'))).map_err(|e| e.to_string())?);
    }
    b.build().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managed_elsewhere_parameters() {
        let p = Path::new("akslint.toml");
        let c = Config::parse("[rules.AKS701]\nmanaged-elsewhere = true\n", p).unwrap();
        assert!(c.file.rules.aks701.managed_elsewhere);
        assert!(!c.file.rules.aks703.managed_elsewhere);
        let e = Config::parse("[rules.AKS703]\nmanaged_elsewhere = true\n", p).unwrap_err();
        assert!(e.contains("unknown field"), "{e}");
    }
}
