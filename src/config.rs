//! `akslint.toml`: one file, read and validated. Which file applies to which path (the nearest
//! one upward, or `--config` for all) is [`crate::configs`]'s business.

use crate::diagnostic::Severity;
use crate::rules::{Params, Rule};
use crate::yaml::YamlLimits;
use globset::{Glob, GlobMatcher, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::any::Any;
use std::borrow::Cow;
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
    /// The namespace of objects that name none (as `kubectl apply -n` would place them);
    /// `--namespace` overrides it. Default: `default`.
    pub namespace: Option<String>,
    /// This directory is the project root: the cross-file rules read every file below it, even
    /// when only some are named (a `.git` directory marks a root too).
    #[serde(default)]
    pub root: bool,
    /// The baseline `akslint check` reads (relative to the config file): findings in it are not
    /// reported; `akslint baseline` writes it there. `--baseline` overrides it.
    pub baseline: Option<String>,
    /// Severity per rule selector, or `off` (the rule does not run).
    #[serde(default)]
    pub severity: BTreeMap<String, Level>,
    #[serde(default)]
    pub per_path: Vec<PerPath>,
    #[serde(default)]
    pub per_object: Vec<PerObject>,
    /// `[[cluster]]`: which manifests run on which Terraform cluster, for the cross-layer rules
    /// when the scan holds several clusters.
    #[serde(default)]
    pub cluster: Vec<ClusterMap>,
    #[serde(default)]
    pub limits: LimitsFile,
    /// `[rules.AKSnnn]` tables: each rule reads its own (see [`crate::rules::RuleParams`]).
    #[serde(default)]
    pub rules: BTreeMap<String, toml::Spanned<toml::Table>>,
}

/// A `[severity]` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Note,
    Warning,
    Error,
    /// The rule does not run.
    Off,
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Note => Some(Severity::Note),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
            Level::Off => None,
        }
    }
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
pub struct ClusterMap {
    /// The cluster's Terraform address (`module.prod.azurerm_kubernetes_cluster.main`).
    pub address: String,
    /// Globs of the manifests deployed to it, relative to this file.
    pub manifests: Vec<String>,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct PerObject {
    pub kind: Option<String>,
    pub namespace: Option<String>,
    pub name: Option<String>,
    /// A glob on a Terraform resource's address (`module.aks.azurerm_kubernetes_cluster.*`):
    /// matched against the instance address and the resource's (its instance keys left out).
    /// An entry with `address` covers Terraform resources only (of `.tf` files and plans).
    pub address: Option<String>,
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
    pub module_instances: Option<usize>,
    pub plan_size: Option<u64>,
}

/// Limits in force.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub file_size: u64,
    /// Terraform files cost ~25× their size in memory (up to 64× on dense lists): a lower cap.
    pub terraform_file_size: u64,
    /// Terraform module instances evaluated in one run (every call path is one: a few small
    /// modules calling each other twice describe exponentially many).
    pub module_instances: usize,
    /// A Terraform plan in JSON: read without a tree (about its own size again in memory), and
    /// often tens of megabytes.
    pub plan_size: u64,
    pub yaml: YamlLimits,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_size: 10 * 1024 * 1024,
            terraform_file_size: crate::terraform::parse::DEFAULT_FILE_SIZE,
            module_instances: 10_000,
            plan_size: crate::terraform::plan::DEFAULT_PLAN_SIZE,
            yaml: YamlLimits::default(),
        }
    }
}

/// The resolved configuration.
#[derive(Debug)]
pub struct Config {
    /// Directory of the config file (globs are relative to it); the cwd without one.
    pub root: PathBuf,
    /// `root` made absolute (lexically, against the current directory when loaded): paths
    /// spelled otherwise than `root` (absolute against relative) are matched through it.
    abs_root: PathBuf,
    pub path: Option<PathBuf>,
    /// The file's text (empty for the default configuration): everything the file decides for
    /// a file's findings is in it, so the cache keys its entries on it.
    pub text: String,
    pub file: ConfigFile,
    pub limits: Limits,
    enabled: Vec<&'static str>,
    /// Every rule's parameters, read from its `[rules.…]` table or defaulted, in the order of
    /// `rules::all()`.
    params: Vec<Params>,
    exclude: GlobSet,
    per_path: Vec<(GlobSet, Vec<String>)>,
    /// `[[per-object]]` entries, compiled once: they are matched for every finding of every
    /// object.
    per_object: Vec<ObjectIgnore>,
    /// `[[cluster]]` entries, compiled: manifest globs → cluster address.
    clusters: Vec<(GlobSet, String)>,
}

/// A compiled `[[per-object]]` entry: a pattern left out matches everything.
#[derive(Debug)]
struct ObjectIgnore {
    kind: Option<GlobMatcher>,
    namespace: Option<GlobMatcher>,
    name: Option<GlobMatcher>,
    address: Option<GlobMatcher>,
    ignore: Vec<String>,
}

impl ObjectIgnore {
    fn new(p: &PerObject) -> Result<ObjectIgnore, String> {
        let matcher = |pat: &Option<String>| -> Result<Option<GlobMatcher>, String> {
            pat.as_deref()
                .map(|p| {
                    glob(p)
                        .map(|g| g.compile_matcher())
                        .map_err(|e| e.to_string())
                })
                .transpose()
        };
        Ok(ObjectIgnore {
            kind: matcher(&p.kind)?,
            namespace: matcher(&p.namespace)?,
            name: matcher(&p.name)?,
            address: matcher(&p.address).map_err(|e| format!("per-object.address: {e}"))?,
            ignore: p.ignore.clone(),
        })
    }

    fn covers(&self, kind: &str, namespace: Option<&str>, name: Option<&str>, id: &str) -> bool {
        let m = |g: &Option<GlobMatcher>, v: Option<&str>| {
            g.as_ref().is_none_or(|g| g.is_match(v.unwrap_or("")))
        };
        m(&self.kind, Some(kind))
            && m(&self.namespace, namespace)
            && m(&self.name, name)
            && self.ignore.iter().any(|x| selector_matches(x, id))
    }

    /// A Terraform resource of type `kind` at `address` (an instance address; the entry's
    /// `address` glob may also name the resource, its instance keys left out). Its `name`
    /// glob, when given, is matched against the address too, as before `address` existed.
    fn covers_address(&self, kind: &str, address: &str, id: &str) -> bool {
        if !self.covers(kind, None, Some(address), id) {
            return false;
        }
        self.address.as_ref().is_none_or(|g| {
            g.is_match(address)
                || g.is_match(crate::terraform::plan::address::without_keys(address))
        })
    }
}

/// What the command line changes of the config's rule selection (`--select`, `--extend-select`,
/// `--ignore`).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    /// Replaces `select`.
    pub select: Option<Vec<String>>,
    /// Added to `select` (or to every rule, when nothing selects).
    pub extend_select: Vec<String>,
    /// Added to `ignore`.
    pub ignore: Vec<String>,
}

impl Overrides {
    /// Every selector names a rule, an ID prefix or a name.
    pub fn validate(&self) -> Result<(), String> {
        let all: Vec<&'static str> = crate::rules::all().iter().map(|r| r.meta().id).collect();
        let lists = [
            ("--select", self.select.as_deref().unwrap_or(&[])),
            ("--extend-select", &self.extend_select[..]),
            ("--ignore", &self.ignore[..]),
        ];
        for (option, list) in lists {
            for s in list {
                if !all.iter().any(|id| selector_matches(s, id)) {
                    return Err(format!(
                        "{option} {s}: no rule ID, name or ID prefix (`akslint rules` lists them)"
                    ));
                }
            }
        }
        Ok(())
    }

    fn apply(&self, file: &mut ConfigFile) {
        if let Some(s) = &self.select {
            file.select = Some(s.clone());
        }
        if !self.extend_select.is_empty()
            && let Some(s) = &mut file.select
        {
            s.extend(self.extend_select.iter().cloned());
        }
        file.ignore.extend(self.ignore.iter().cloned());
    }
}

impl Config {
    /// The configuration at `path` (else the default one, rooted at `root`) with the command
    /// line's selection applied; errors name the file, or the option.
    pub fn load_with(path: Option<&Path>, root: &Path, o: &Overrides) -> Result<Config, String> {
        let (text, mut file, dir) = match path {
            Some(p) => {
                let text =
                    std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
                let file: ConfigFile =
                    toml::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
                let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
                (text, file, dir)
            }
            None => (String::new(), ConfigFile::default(), root.to_path_buf()),
        };
        o.apply(&mut file);
        Config::from_file(file, &text, dir, path.map(Path::to_path_buf)).map_err(|e| match path {
            Some(p) => format!("{}: {e}", p.display()),
            None => format!("command line: {e}"),
        })
    }

    /// The default configuration rooted at `root`.
    pub fn default_at(root: &Path) -> Config {
        Config::from_file(ConfigFile::default(), "", root.to_path_buf(), None)
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
        Config::from_file(file, text, root, Some(path.to_path_buf()))
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    /// `text` is the file's text, for the line of a `[rules.…]` table in errors.
    fn from_file(
        file: ConfigFile,
        text: &str,
        root: PathBuf,
        path: Option<PathBuf>,
    ) -> Result<Config, String> {
        let params = rule_params(&file, text)?;
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
        let mut per_object = Vec::with_capacity(file.per_object.len());
        for p in &file.per_object {
            check(&p.ignore, "per-object.ignore")?;
            per_object.push(ObjectIgnore::new(p)?);
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
            .filter(|id| level(&file.severity, id) != Some(Level::Off))
            .collect();
        let exclude = globs(&file.exclude)?;
        let per_path = file
            .per_path
            .iter()
            .map(|p| Ok((globs(&p.paths)?, p.ignore.clone())))
            .collect::<Result<_, String>>()?;
        let clusters = file
            .cluster
            .iter()
            .map(|c| Ok((globs(&c.manifests)?, c.address.clone())))
            .collect::<Result<_, String>>()
            .map_err(|e| format!("cluster.manifests: {e}"))?;
        let d = Limits::default();
        let l = file.limits;
        let limits = Limits {
            file_size: l.file_size.unwrap_or(d.file_size),
            terraform_file_size: l.terraform_file_size.unwrap_or(d.terraform_file_size),
            module_instances: l.module_instances.unwrap_or(d.module_instances),
            plan_size: l.plan_size.unwrap_or(d.plan_size),
            yaml: YamlLimits {
                depth: l.depth.unwrap_or(d.yaml.depth),
                nodes: l.nodes.unwrap_or(d.yaml.nodes),
                aliases: l.aliases.unwrap_or(d.yaml.aliases),
            },
        };
        Ok(Config {
            abs_root: absolute(&root),
            root,
            path,
            text: text.to_string(),
            file,
            limits,
            enabled,
            params,
            exclude,
            per_path,
            per_object,
            clusters,
        })
    }

    /// Is the rule selected (and not ignored)?
    pub fn enabled(&self, id: &str) -> bool {
        // In the order of `rules::all()`, sorted by ID.
        self.enabled.binary_search(&id).is_ok()
    }

    /// The severity `[severity]` gives the rule (the most specific selector wins), overriding
    /// every severity its findings have; `None` when the config says nothing of it.
    pub fn severity(&self, id: &str) -> Option<Severity> {
        level(&self.file.severity, id).and_then(Level::severity)
    }

    /// The enabled rules with their parameters (`()` for a rule without any), in the order of
    /// `rules::all()` (by ID).
    pub fn enabled_rules(
        &self,
    ) -> impl Iterator<Item = (&'static dyn Rule, &(dyn Any + Send + Sync))> + '_ {
        // Both lists are sorted by ID: one pass over each.
        let mut enabled = self.enabled.iter().peekable();
        crate::rules::all()
            .iter()
            .zip(&self.params)
            .filter_map(move |(&rule, params)| {
                enabled
                    .next_if(|&&id| id == rule.meta().id)
                    .map(|_| (rule, &**params))
            })
    }

    /// The path relative to the config's directory: by its spelling when it starts with the
    /// root's, else both made absolute (`check /abs/project` with the config found above, or a
    /// config above the current directory for a relative path).
    fn relative<'p>(&self, path: &'p Path) -> Cow<'p, Path> {
        if self.root.as_os_str().is_empty() {
            if path.is_relative() {
                return Cow::Borrowed(path.strip_prefix("./").unwrap_or(path));
            }
        } else if let Ok(rel) = path.strip_prefix(&self.root) {
            return Cow::Borrowed(rel);
        }
        match absolute(path).strip_prefix(&self.abs_root) {
            Ok(rel) => Cow::Owned(rel.to_path_buf()),
            Err(_) => Cow::Borrowed(path.strip_prefix("./").unwrap_or(path)),
        }
    }

    /// Is the path excluded by `exclude`? (Asked of every file a walk finds: nothing is done
    /// when nothing is excluded.)
    pub fn excluded(&self, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let rel = self.relative(path);
        self.exclude.is_match(&rel)
            || rel
                .ancestors()
                .skip(1)
                .any(|a| !a.as_os_str().is_empty() && self.exclude.is_match(a))
    }

    /// The Terraform address of the cluster a manifest runs on, by `[[cluster]]` (the first entry
    /// whose globs match).
    pub fn cluster_for(&self, path: &Path) -> Option<&str> {
        let rel = self.relative(path);
        self.clusters
            .iter()
            .find(|(g, _)| g.is_match(&rel))
            .map(|(_, a)| a.as_str())
    }

    /// Is the rule ignored for this path by `[[per-path]]`?
    pub fn ignored_for_path(&self, path: &Path, id: &str) -> bool {
        if self.per_path.is_empty() {
            return false;
        }
        let rel = self.relative(path);
        self.per_path
            .iter()
            .any(|(g, ignore)| g.is_match(&rel) && ignore.iter().any(|x| selector_matches(x, id)))
    }

    /// Is the rule ignored for this Kubernetes object by `[[per-object]]`? (An entry with an
    /// `address` is about Terraform resources only.)
    pub fn ignored_for_object(
        &self,
        kind: &str,
        namespace: Option<&str>,
        name: Option<&str>,
        id: &str,
    ) -> bool {
        self.per_object
            .iter()
            .any(|p| p.address.is_none() && p.covers(kind, namespace, name, id))
    }

    /// Is the rule ignored for this Terraform resource (of type `kind`, at the instance address
    /// `address`) by `[[per-object]]`?
    pub fn ignored_for_address(&self, kind: &str, address: &str, id: &str) -> bool {
        self.per_object
            .iter()
            .any(|p| p.covers_address(kind, address, id))
    }
}

/// `path` joined to the current directory, `.` and `..` resolved lexically (no link followed).
pub fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return crate::discover::normalize(path);
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    crate::discover::normalize(&cwd.join(path))
}

/// The most specific `[severity]` entry naming the rule.
fn level(entries: &BTreeMap<String, Level>, id: &str) -> Option<Level> {
    entries
        .iter()
        .filter(|(k, _)| selector_matches(k, id))
        .max_by_key(|(k, _)| k.len())
        .map(|(_, l)| *l)
}

/// Every rule's parameters: its `[rules.ID]` table read by the rule itself, or its defaults.
fn rule_params(file: &ConfigFile, text: &str) -> Result<Vec<Params>, String> {
    for (key, table) in &file.rules {
        if crate::rules::all().iter().all(|r| r.meta().id != key) {
            return Err(format!(
                "{}: `[rules.{key}]` names no rule; parameters are given by rule ID (`[rules.AKS603]`)",
                line_of(text, table.span().start)
            ));
        }
    }
    let mut out = Vec::with_capacity(crate::rules::all().len());
    for rule in crate::rules::all() {
        let id = rule.meta().id;
        let table = file.rules.get(id);
        let params = rule
            .parse_params(table.map(|t| t.get_ref()))
            .map_err(|e| match table {
                Some(t) => format!("{}: `[rules.{id}]`: {e}", line_of(text, t.span().start)),
                None => format!("`[rules.{id}]`: {e}"),
            })?;
        out.push(params);
    }
    Ok(out)
}

/// `line N` of a byte offset, for errors.
fn line_of(text: &str, offset: usize) -> String {
    let line = text.get(..offset).map_or(0, |t| t.matches('\n').count()) + 1;
    format!("line {line}")
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

#[cfg(test)]
thread_local! {
    /// Globs compiled (tests hold it to what the config names).
    static COMPILED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Compiles one glob (counted in tests).
fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    #[cfg(test)]
    COMPILED.with(|c| c.set(c.get() + 1));
    Glob::new(pattern)
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
    fn rule_parameters_are_read_by_their_rules() {
        let p = Path::new("akslint.toml");
        let c = Config::parse("[rules.AKS701]\nmanaged-elsewhere = true\n", p).unwrap();
        let params = |id: &str| {
            c.enabled_rules()
                .find(|(r, _)| r.meta().id == id)
                .unwrap()
                .1
        };
        assert!(params("AKS701").is::<crate::rules::monitoring::ManagedElsewhere>());
        assert!(params("AKS401").is::<()>());
        let e = Config::parse("\n[rules.AKS703]\nmanaged_elsewhere = true\n", p).unwrap_err();
        assert!(e.contains("line 2: `[rules.AKS703]`: unknown field"), "{e}");
        let e = Config::parse("[rules.AKS401]\nx = 1\n", p).unwrap_err();
        assert!(
            e.contains("`[rules.AKS401]`: this rule takes no parameters"),
            "{e}"
        );
        let e = Config::parse("[rules.AKS999]\n", p).unwrap_err();
        assert!(e.contains("names no rule"), "{e}");
        let e = Config::parse("[rules.AKS603]\nallowed-registries = [\"\"]\n", p).unwrap_err();
        assert!(e.contains("`[rules.AKS603]`: allowed-registries"), "{e}");
    }

    /// `[[per-object]]` globs are compiled when the config is loaded, never per object and
    /// finding: 20 entries over 5,000 objects used to compile 300,000 globs.
    #[test]
    fn per_object_globs_are_compiled_once() {
        let entry = "[[per-object]]\nkind = \"Dae*\"\nnamespace = \"kube-*\"\nname = \"csi-*\"\nignore = [\"AKS401\"]\n";
        let text = entry.repeat(20);
        COMPILED.with(|c| c.set(0));
        let c = Config::parse(&text, Path::new("akslint.toml")).unwrap();
        let at_load = COMPILED.with(|c| c.get());
        for i in 0..5_000 {
            let name = format!("csi-{i}");
            assert!(c.ignored_for_object("DaemonSet", Some("kube-system"), Some(&name), "AKS401"));
            assert!(!c.ignored_for_object("Pod", Some("kube-system"), Some(&name), "AKS401"));
            assert!(!c.ignored_for_object("DaemonSet", None, Some(&name), "AKS401"));
        }
        assert_eq!(
            COMPILED.with(|c| c.get()),
            at_load,
            "no glob compiled after loading"
        );
    }

    /// `address` globs name Terraform resources, by instance or by resource (instance keys left
    /// out), and never a Kubernetes object; `name` still matches a Terraform address.
    #[test]
    fn per_object_addresses() {
        let text = r#"
[[per-object]]
address = "module.aks.azurerm_kubernetes_cluster.*"
ignore = ["AKS101"]

[[per-object]]
kind = "azapi_resource"
address = 'module.aks[[]"eu"].*'
ignore = ["AKS2"]

[[per-object]]
name = "azurerm_key_vault.*"
ignore = ["AKS513"]
"#;
        let c = Config::parse(text, Path::new("akslint.toml")).unwrap();
        let aks = "azurerm_kubernetes_cluster";
        assert!(c.ignored_for_address(aks, "module.aks.azurerm_kubernetes_cluster.this", "AKS101"));
        assert!(c.ignored_for_address(
            aks,
            "module.aks[\"eu\"].azurerm_kubernetes_cluster.this[0]",
            "AKS101"
        ));
        assert!(!c.ignored_for_address(aks, "azurerm_kubernetes_cluster.this", "AKS101"));
        assert!(!c.ignored_for_address(
            aks,
            "module.aks.azurerm_kubernetes_cluster.this",
            "AKS102"
        ));
        assert!(c.ignored_for_address(
            "azapi_resource",
            "module.aks[\"eu\"].azapi_resource.c",
            "AKS201"
        ));
        assert!(!c.ignored_for_address(
            "azapi_resource",
            "module.aks[\"us\"].azapi_resource.c",
            "AKS201"
        ));
        assert!(!c.ignored_for_address(aks, "module.aks[\"eu\"].azapi_resource.c", "AKS201"));
        assert!(c.ignored_for_address("azurerm_key_vault", "azurerm_key_vault.kv", "AKS513"));
        // An `address` entry is no Kubernetes object's.
        assert!(!c.ignored_for_object(
            aks,
            None,
            Some("module.aks.azurerm_kubernetes_cluster.x"),
            "AKS101"
        ));
        let e = Config::parse(
            "[[per-object]]\naddress = \"a[\"\nignore = [\"AKS101\"]\n",
            Path::new("akslint.toml"),
        )
        .unwrap_err();
        assert!(e.contains("per-object.address"), "{e}");
    }

    #[test]
    fn severity_overrides_and_off() {
        let p = Path::new("akslint.toml");
        let c = Config::parse("[severity]\nAKS4 = \"note\"\nAKS401 = \"off\"\n", p).unwrap();
        assert!(!c.enabled("AKS401"));
        assert!(c.enabled("AKS402"));
        assert_eq!(c.severity("AKS402"), Some(Severity::Note));
        assert_eq!(c.severity("AKS501"), None);
        let c = Config::parse("[severity]\nAKS4 = \"off\"\nAKS402 = \"error\"\n", p).unwrap();
        assert!(!c.enabled("AKS401"));
        assert!(c.enabled("AKS402"));
        assert!(Config::parse("[severity]\nAKS401 = \"loud\"\n", p).is_err());
    }
}
