//! What a plan's `configuration` tells that its values do not: the azurerm major versions, and
//! what an expression whose value is unknown refers to.
//!
//! - **Majors.** As for `.tf` ([`crate::terraform::provider`]): each azurerm version
//!   constraint (`provider_config.<key>.version_constraint`, the constraints of every module
//!   resolved, for the provider whose `full_name` ends in `/azurerm`) and each spelling only some
//!   majors accept, where the configuration writes it (a resource's `expressions`: attributes and
//!   static blocks as written; not the planned values, which hold every attribute of the
//!   provider's schema, deprecated names included). All modules of a plan run on one provider
//!   version: the evidence of all of them is intersected. The lock file is not in the plan.
//! - **References.** In a plan, the ID of a cluster created in the same run is unknown, and so is
//!   a diagnostic setting's `target_resource_id` that reads it. The configuration keeps each
//!   expression's `references` (`azurerm_kubernetes_cluster.main.id`, `module.aks.id`,
//!   `var.cluster_id`), per module (not per instance); [`Configuration::resolve`] follows them
//!   to the cluster instances of the plan: a variable to what its caller passed, a module output
//!   to its expression in the child, a resource of the module to its instance there. Locals are
//!   not in the configuration (Terraform does not write them), nor are data sources' results:
//!   what goes through them is unknown.

use super::address::{Segment, Step, steps};
use super::json::{Json, Kind};
use crate::terraform::kind::CLUSTER;
use crate::terraform::provider::{constraint_majors, spellings};
use crate::terraform::{Majors, azapi};
use std::collections::{BTreeMap, BTreeSet};

/// The attributes whose references are kept: those that name the resource a diagnostic setting
/// (azurerm, azapi) or an azapi Defender pricing is about.
const FOLLOWED: &[&str] = &["target_resource_id", "parent_id"];

/// References kept per expression.
const MAX_REFS: usize = 64;

/// Steps one resolution may take (variables and outputs can fan out).
const MAX_STEPS: usize = 10_000;

/// One module of the configuration (a call, not an instance).
#[derive(Debug, Default)]
pub struct ConfModule {
    /// `type.name` → attribute → its references, for the [`FOLLOWED`] attributes.
    resources: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    calls: BTreeMap<String, ConfCall>,
    /// Output name → its expression's references.
    outputs: BTreeMap<String, Vec<String>>,
}

/// A `module` call: the references of each argument, and the child.
#[derive(Debug, Default)]
struct ConfCall {
    inputs: BTreeMap<String, Vec<String>>,
    module: ConfModule,
}

/// What the plan's `configuration` says.
#[derive(Debug)]
pub struct Configuration {
    root: ConfModule,
    /// The azurerm majors the evidence allows; `{5}` without any (as for `.tf`).
    pub majors: Majors,
}

impl Default for Configuration {
    fn default() -> Self {
        Configuration {
            root: ConfModule::default(),
            majors: Majors::only(Majors::NEWEST as u64),
        }
    }
}

/// A cluster instance of the plan, for placing references.
#[derive(Debug, Clone)]
pub struct ClusterInstance {
    pub module: Vec<Segment>,
    pub kind: String,
    pub name: String,
    pub key: Option<String>,
    pub address: String,
    /// Its `id`, when the plan knows it (a cluster that exists already).
    pub id: Option<String>,
}

/// Where a reference leads.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Found {
    /// A cluster instance of the plan (its address).
    Cluster(String),
    /// Certainly no cluster of the plan.
    Other,
    /// Cannot be told.
    Unknown,
}

impl Configuration {
    /// Reads the `configuration` object at `at`.
    pub(super) fn read(json: &Json<'_>, at: usize) -> Configuration {
        let mut majors = Majors::ALL;
        let mut evidence = false;
        if let Some(pc) = json.get(at, "provider_config") {
            for p in json.members(pc.value) {
                let field = |k: &str| {
                    json.get(p.value, k)
                        .and_then(|m| json.string_at(m.value))
                        .unwrap_or_default()
                };
                let (full, name) = (field("full_name"), field("name"));
                let azurerm = full.ends_with("/azurerm") || (full.is_empty() && name == "azurerm");
                if let Some(m) = constraint_majors(&field("version_constraint")).filter(|_| azurerm)
                {
                    majors = majors.intersect(m);
                    evidence = true;
                }
            }
        }
        let root = match json.get(at, "root_module") {
            Some(m) => module(json, m.value, &mut |m| {
                majors = majors.intersect(m);
                evidence = true;
            }),
            None => ConfModule::default(),
        };
        Configuration {
            root,
            majors: if evidence {
                majors
            } else {
                Majors::only(Majors::NEWEST as u64)
            },
        }
    }

    /// The configuration module of a module instance (its keys are not the configuration's).
    fn module(&self, path: &[Segment]) -> Option<&ConfModule> {
        let mut m = &self.root;
        for s in path {
            m = &m.calls.get(&s.name)?.module;
        }
        Some(m)
    }

    /// Where the attribute `attr` of the resource `resource` (`type.name`) in the module instance
    /// `path` leads, through its references: each cluster instance, `Other` or `Unknown` it may
    /// be, sorted and once each.
    pub fn resolve(
        &self,
        path: &[Segment],
        resource: &str,
        attr: &str,
        clusters: &[ClusterInstance],
    ) -> Vec<Found> {
        let refs = self
            .module(path)
            .and_then(|m| m.resources.get(resource))
            .and_then(|r| r.get(attr));
        let mut out = BTreeSet::new();
        match refs {
            Some(refs) if !refs.is_empty() => {
                let mut steps = MAX_STEPS;
                self.follow(path, refs, clusters, 0, &mut steps, &mut out);
            }
            _ => {
                out.insert(Found::Unknown);
            }
        }
        if out.is_empty() {
            out.insert(Found::Unknown);
        }
        out.into_iter().collect()
    }

    fn follow(
        &self,
        path: &[Segment],
        refs: &[String],
        clusters: &[ClusterInstance],
        depth: usize,
        steps: &mut usize,
        out: &mut BTreeSet<Found>,
    ) {
        if depth > 32 || *steps == 0 {
            out.insert(Found::Unknown);
            return;
        }
        *steps -= 1;
        let parsed: Vec<Reference> = refs.iter().map(|r| Reference::parse(r)).collect();
        // `configuration` lists each reference with its shorter prefixes too: the most precise
        // one of each subject counts.
        let keyed: BTreeSet<(&str, &str)> = parsed
            .iter()
            .filter_map(|r| match r {
                Reference::Resource {
                    kind,
                    name,
                    key: Some(_),
                } => Some((kind.as_str(), name.as_str())),
                _ => None,
            })
            .collect();
        let outputs: BTreeSet<&str> = parsed
            .iter()
            .filter_map(|r| match r {
                Reference::Output {
                    call,
                    output: Some(_),
                    ..
                } => Some(call.as_str()),
                _ => None,
            })
            .collect();
        for r in &parsed {
            match r {
                Reference::Ignored => {}
                Reference::Unknowable => {
                    out.insert(Found::Unknown);
                }
                Reference::Var(name) => {
                    let Some((last, parent)) = path.split_last() else {
                        // A root variable's value is known in a plan: not what is unknown.
                        out.insert(Found::Unknown);
                        continue;
                    };
                    let passed = self
                        .module(parent)
                        .and_then(|m| m.calls.get(&last.name))
                        .and_then(|c| c.inputs.get(name));
                    match passed {
                        Some(refs) if !refs.is_empty() => {
                            self.follow(parent, refs, clusters, depth + 1, steps, out);
                        }
                        _ => {
                            out.insert(Found::Unknown);
                        }
                    }
                }
                Reference::Output {
                    call,
                    key,
                    output: Some(o),
                } => {
                    let mut child = path.to_vec();
                    child.push(Segment {
                        name: call.clone(),
                        key: key.clone(),
                    });
                    match self.module(&child).and_then(|m| m.outputs.get(o)) {
                        Some(refs) if !refs.is_empty() => {
                            self.follow(&child, refs, clusters, depth + 1, steps, out);
                        }
                        _ => {
                            out.insert(Found::Unknown);
                        }
                    }
                }
                Reference::Output { call, .. } => {
                    if !outputs.contains(call.as_str()) {
                        out.insert(Found::Unknown);
                    }
                }
                Reference::Resource { kind, name, key } => {
                    if key.is_none() && keyed.contains(&(kind.as_str(), name.as_str())) {
                        continue;
                    }
                    if kind != CLUSTER && kind != azapi::RESOURCE {
                        out.insert(Found::Other);
                        continue;
                    }
                    let found: Vec<&ClusterInstance> = clusters
                        .iter()
                        .filter(|c| {
                            &c.kind == kind
                                && &c.name == name
                                && (key.is_none() || *key == c.key)
                                && in_module(&c.module, path)
                        })
                        .collect();
                    out.insert(match found.as_slice() {
                        [one] => Found::Cluster(one.address.clone()),
                        // An azapi resource of another kind (a registry, a vault…).
                        [] if kind == azapi::RESOURCE => Found::Other,
                        _ => Found::Unknown,
                    });
                }
            }
        }
    }
}

/// Whether an instance's module is the instance `path` (a step of `path` without a key stands
/// for any instance of that call).
fn in_module(module: &[Segment], path: &[Segment]) -> bool {
    module.len() == path.len()
        && module
            .iter()
            .zip(path)
            .all(|(m, p)| m.name == p.name && (p.key.is_none() || p.key == m.key))
}

/// A reference as `configuration` writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Reference {
    /// `var.name`
    Var(String),
    /// `module.call`, `module.call["k"].output`
    Output {
        call: String,
        key: Option<String>,
        output: Option<String>,
    },
    /// `type.name`, `type.name[key]` (a managed resource of the module).
    Resource {
        kind: String,
        name: String,
        key: Option<String>,
    },
    /// A local, a data source, `each.value`: cannot be followed.
    Unknowable,
    /// `count.index`, `each.key`, `path.…`, `terraform.…`, `self`: only select or describe.
    Ignored,
}

impl Reference {
    fn parse(r: &str) -> Reference {
        let Some(steps) = steps(r) else {
            return Reference::Unknowable;
        };
        let name = |i: usize| match steps.get(i) {
            Some((_, Step::Name(n))) => Some(n.to_string()),
            _ => None,
        };
        let index = |i: usize| match steps.get(i) {
            Some((_, Step::Index(k))) => Some(k.to_string()),
            _ => None,
        };
        match (name(0).as_deref(), name(1)) {
            (Some("var"), Some(n)) => Reference::Var(n),
            (Some("local" | "data"), _) => Reference::Unknowable,
            (Some("each"), Some(n)) if n == "key" => Reference::Ignored,
            (Some("each"), _) => Reference::Unknowable,
            (Some("count" | "path" | "terraform" | "self"), _) => Reference::Ignored,
            (Some("module"), Some(call)) => {
                let key = index(2);
                let output = name(if key.is_some() { 3 } else { 2 });
                Reference::Output { call, key, output }
            }
            (Some(kind), Some(n)) => Reference::Resource {
                kind: kind.to_string(),
                name: n,
                key: index(2),
            },
            _ => Reference::Unknowable,
        }
    }
}

/// The references of an expression object (`{"references": [...]}`), at most [`MAX_REFS`].
fn references(json: &Json<'_>, expr: usize) -> Vec<String> {
    json.get(expr, "references")
        .map(|m| {
            json.items(m.value)
                .filter_map(|i| json.string_at(i).map(|s| s.into_owned()))
                .take(MAX_REFS)
                .collect()
        })
        .unwrap_or_default()
}

/// A module of `configuration` (`root_module`, or a call's `module`); `evidence` receives the
/// majors each spelling it writes allows.
fn module(json: &Json<'_>, at: usize, evidence: &mut dyn FnMut(Majors)) -> ConfModule {
    let mut out = ConfModule::default();
    for m in json.members(at) {
        if json.key_is(&m, "resources") {
            for r in json.items(m.value) {
                let text = |k: &str| {
                    json.get(r, k)
                        .and_then(|m| json.string_at(m.value))
                        .unwrap_or_default()
                };
                let (address, kind) = (text("address"), text("type"));
                let Some(expressions) = json.get(r, "expressions").map(|e| e.value) else {
                    continue;
                };
                for (resource, path, name, majors) in spellings() {
                    if resource == kind && writes(json, expressions, path, name) {
                        evidence(majors);
                    }
                }
                let mut followed = BTreeMap::new();
                for attr in FOLLOWED {
                    if let Some(e) = json.get(expressions, attr) {
                        followed.insert(attr.to_string(), references(json, e.value));
                    }
                }
                if !followed.is_empty() {
                    out.resources.insert(address.into_owned(), followed);
                }
            }
        } else if json.key_is(&m, "module_calls") {
            for c in json.members(m.value) {
                let mut call = ConfCall::default();
                if let Some(e) = json.get(c.value, "expressions") {
                    for arg in json.members(e.value) {
                        call.inputs
                            .insert(json.key(&arg).into_owned(), references(json, arg.value));
                    }
                }
                if let Some(child) = json.get(c.value, "module") {
                    call.module = module(json, child.value, evidence);
                }
                out.calls.insert(json.key(&c).into_owned(), call);
            }
        } else if json.key_is(&m, "outputs") {
            for o in json.members(m.value) {
                let refs = json
                    .get(o.value, "expression")
                    .map(|e| references(json, e.value))
                    .unwrap_or_default();
                out.outputs.insert(json.key(&o).into_owned(), refs);
            }
        }
    }
    out
}

/// Whether an `expressions` object writes `name` under the static blocks `path` (a block is an
/// array of expression objects, or one object).
fn writes(json: &Json<'_>, at: usize, path: &[&str], name: &str) -> bool {
    match path.split_first() {
        None => json.get(at, name).is_some(),
        Some((first, rest)) => match json.get(at, first) {
            Some(b) => match json.kind(b.value) {
                Some(Kind::Array) => json.items(b.value).any(|i| writes(json, i, rest, name)),
                Some(Kind::Object) => writes(json, b.value, rest, name),
                _ => false,
            },
            None => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse() {
        use Reference as R;
        let res = |k: &str, n: &str, key: Option<&str>| R::Resource {
            kind: k.into(),
            name: n.into(),
            key: key.map(Into::into),
        };
        assert_eq!(
            R::parse("azurerm_kubernetes_cluster.main.id"),
            res(CLUSTER, "main", None)
        );
        assert_eq!(
            R::parse(r#"azurerm_kubernetes_cluster.main["a"].id"#),
            res(CLUSTER, "main", Some(r#""a""#))
        );
        assert_eq!(R::parse("var.cluster_id"), R::Var("cluster_id".into()));
        assert_eq!(
            R::parse(r#"module.aks["x"].id"#),
            R::Output {
                call: "aks".into(),
                key: Some(r#""x""#.into()),
                output: Some("id".into())
            }
        );
        assert_eq!(
            R::parse("module.aks"),
            R::Output {
                call: "aks".into(),
                key: None,
                output: None
            }
        );
        assert_eq!(R::parse("local.id"), R::Unknowable);
        assert_eq!(R::parse("data.azurerm_x.y.id"), R::Unknowable);
        assert_eq!(R::parse("each.value"), R::Unknowable);
        assert_eq!(R::parse("each.key"), R::Ignored);
        assert_eq!(R::parse("count.index"), R::Ignored);
        assert_eq!(R::parse("nonsense"), R::Unknowable);
    }

    const CONFIG: &str = r#"{
      "provider_config": {
        "azurerm": {"name": "azurerm", "full_name": "registry.terraform.io/hashicorp/azurerm", "version_constraint": ">= 3.90.0, < 5.0.0"},
        "module.aks:azurerm": {"name": "azurerm", "full_name": "registry.terraform.io/hashicorp/azurerm", "module_address": "module.aks", "version_constraint": "~> 4.0"}
      },
      "root_module": {
        "resources": [
          {"address": "azurerm_monitor_diagnostic_setting.root", "type": "azurerm_monitor_diagnostic_setting",
           "expressions": {"target_resource_id": {"references": ["module.aks.cluster_id", "module.aks"]}}},
          {"address": "azurerm_monitor_diagnostic_setting.kv", "type": "azurerm_monitor_diagnostic_setting",
           "expressions": {"target_resource_id": {"references": ["azurerm_key_vault.kv.id", "azurerm_key_vault.kv"]}}},
          {"address": "azurerm_monitor_diagnostic_setting.local", "type": "azurerm_monitor_diagnostic_setting",
           "expressions": {"target_resource_id": {"references": ["local.id"]}}}
        ],
        "module_calls": {
          "aks": {
            "source": "./modules/aks",
            "module": {
              "outputs": {"cluster_id": {"expression": {"references": ["azurerm_kubernetes_cluster.this.id", "azurerm_kubernetes_cluster.this"]}}},
              "resources": [
                {"address": "azurerm_kubernetes_cluster.this", "type": "azurerm_kubernetes_cluster",
                 "expressions": {"automatic_upgrade_channel": {"constant_value": "stable"}, "default_node_pool": [{"host_encryption_enabled": {"constant_value": true}}]}}
              ]
            }
          },
          "diag": {
            "source": "./modules/diag",
            "expressions": {"target": {"references": ["module.aks.cluster_id", "module.aks"]}},
            "module": {
              "resources": [
                {"address": "azurerm_monitor_diagnostic_setting.this", "type": "azurerm_monitor_diagnostic_setting",
                 "expressions": {"target_resource_id": {"references": ["var.target"]}}}
              ]
            }
          }
        }
      }
    }"#;

    fn cluster(module: &str, key: Option<&str>, address: &str) -> ClusterInstance {
        ClusterInstance {
            module: super::super::address::module_path(module).unwrap(),
            kind: CLUSTER.into(),
            name: "this".into(),
            key: key.map(Into::into),
            address: address.into(),
            id: None,
        }
    }

    #[test]
    fn majors_and_references() {
        let json = Json::parse(CONFIG).unwrap();
        let c = Configuration::read(&json, json.root);
        // `>= 3.90, < 5` ∩ `~> 4.0` ∩ the spellings written (v4/v5 names).
        assert_eq!(c.majors, Majors::only(4));
        let clusters = [cluster(
            "module.aks",
            None,
            "module.aks.azurerm_kubernetes_cluster.this",
        )];
        let diag = "azurerm_monitor_diagnostic_setting";
        let r = |path: &str, name: &str| {
            let path = super::super::address::module_path(path).unwrap();
            c.resolve(
                &path,
                &format!("{diag}.{name}"),
                "target_resource_id",
                &clusters,
            )
        };
        let aks = Found::Cluster("module.aks.azurerm_kubernetes_cluster.this".into());
        assert_eq!(r("", "root"), std::slice::from_ref(&aks));
        assert_eq!(r("module.diag", "this"), [aks]);
        assert_eq!(r("", "kv"), [Found::Other]);
        assert_eq!(r("", "local"), [Found::Unknown]);
        assert_eq!(r("", "missing"), [Found::Unknown]);
        // Two instances of the child: the output's cluster could be either.
        let two = [
            cluster(r#"module.aks["a"]"#, None, "a"),
            cluster(r#"module.aks["b"]"#, None, "b"),
        ];
        let path = [];
        assert_eq!(
            c.resolve(&path, &format!("{diag}.root"), "target_resource_id", &two),
            [Found::Unknown]
        );
    }

    #[test]
    fn no_evidence_is_the_newest_major() {
        let json = Json::parse(r#"{"root_module": {}}"#).unwrap();
        assert_eq!(
            Configuration::read(&json, json.root).majors,
            Majors::only(5)
        );
    }
}
