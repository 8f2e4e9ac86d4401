//! Facts gathered from every evaluated module before the Terraform rules run, for the rules that
//! search "the scanned configuration" (diagnostic settings, Defender plans). Built once, read-only.
//!
//! The engine calls [`TfIndex::add_module`] for every module instance in its walk order: a root
//! module, then (depth first) the local children it calls, each instance before its children;
//! trees indexed in parallel are joined with [`TfIndex::extend`]. That order is what lets a
//! reference be placed in the right module instance:
//!
//! - A cluster is identified by [`ClusterKey`]: the directory of the module that declares it
//!   (two scanned root modules may both declare `azurerm_kubernetes_cluster.main`) and its full
//!   address (`module.aks.azurerm_kubernetes_cluster.main`). Two roots that call the same child
//!   under the same name share its key: their facts merge, which can only silence a rule.
//! - `target_resource_id = azurerm_kubernetes_cluster.main.id` is a [`super::Ref`] of its writer.
//!   Where it was written ([`Origin::file`]) tells which module it points into: the setting's own
//!   module, or — when the value came in through a variable — the caller that wrote it (or the
//!   caller's caller…).
//! - A reference out of a local child's output (`module.aks.id`) carries its module path
//!   (`module.aks.`) from the instance that read it: the cluster of that child instance
//!   ([`Target::Within`] until the child is indexed).
//! - What cannot be placed is a candidate for every cluster ([`Target::Unknown`]): a variable
//!   without value, a remote module's output, a data source, a literal Azure ID of a managed
//!   cluster.
//! - Module calls the engine does not evaluate (registry or git sources, `count`/`for_each`
//!   unknown) may hold diagnostic settings or Defender plans: a call that is given a cluster's
//!   ID, or whose name or source says diagnostics (Defender), counts as a candidate whose content
//!   is unknown. A call the engine did evaluate is judged by its content instead.

use super::azapi;
use super::eval::{Env, Scope};
use super::kind::{AzureKind, CLUSTER, DEFENDER_PLAN, DIAGNOSTIC_SETTING};
use super::module::span_of;
use super::resource::{BlockView, Presence, Resource};
use super::value::{Evaluated, Lit, Origin, RefMode, Value};
use crate::source::Span;
use hcl_edit::expr::Expression;
use hcl_edit::structure::Block;
use std::path::PathBuf;
use std::sync::Arc;

/// Items of one `dynamic` block evaluated one by one at most.
const MAX_DYNAMIC_ITEMS: usize = 1000;

/// A cluster of the scanned configuration: the directory of its module and its full address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClusterKey {
    dir: PathBuf,
    /// `module.aks.azurerm_kubernetes_cluster.main`
    pub address: String,
}

impl ClusterKey {
    /// The key of the cluster at `address` declared in `dir` (a module's directory, or a plan's
    /// file: see [`TfIndex::add_planned`]).
    pub fn new(dir: PathBuf, address: String) -> ClusterKey {
        ClusterKey { dir, address }
    }
}

/// What a diagnostic setting is attached to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A cluster of the scanned configuration.
    Cluster(ClusterKey),
    /// Something that may be any cluster: unknown, a data source, an Azure ID.
    Unknown,
    /// Certainly not a cluster of the scanned configuration (a Key Vault, a subnet…).
    Other,
    /// A cluster of a child instance not indexed yet (a reference out of a module output,
    /// `module.aks.id`): its full prefix, resource type and name. Placed when that instance is
    /// added; one never added (a call the engine does not follow) may be any cluster.
    Within {
        prefix: String,
        kind: Arc<str>,
        name: Arc<str>,
    },
}

/// What a log entry names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogName {
    Category(Arc<str>),
    /// `category_group` (`allLogs`, `audit`).
    Group(Arc<str>),
    Unknown,
}

/// One `enabled_log` (or v3 `log`) entry of a diagnostic setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub name: LogName,
    /// `Some(true)`: sent; `Some(false)`: written but not sent (v3 `log { enabled = false }`,
    /// an empty `dynamic` block); `None`: cannot tell (unknown presence or `enabled`).
    pub enabled: Option<bool>,
}

/// An `azurerm_monitor_diagnostic_setting` (or an azapi `Microsoft.Insights/diagnosticSettings`,
/// or a module call that may create one).
#[derive(Debug, Clone)]
pub struct DiagnosticSetting {
    /// The full address (`module.x.azurerm_monitor_diagnostic_setting.aks`, `module.diag` for
    /// a call the engine does not evaluate).
    pub address: String,
    pub file: Arc<str>,
    /// The resource (or module call) header.
    pub span: Span,
    /// Whether it certainly exists (`count`/`for_each` known and non-zero).
    pub exists: Option<bool>,
    pub target: Target,
    pub logs: Vec<LogEntry>,
    /// Set for a module call: `(caller instance, child prefix)`, dropped when the engine
    /// evaluates that child.
    call: Option<(usize, String)>,
}

/// How a diagnostic setting relates to a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// It exists and targets the cluster.
    Targets,
    /// It may exist, or may target the cluster.
    MayTarget,
}

impl DiagnosticSetting {
    /// Whether the setting sends one of `categories`, or a category group in `groups` (names
    /// compare case-insensitively, as Azure does). `None` when it cannot tell.
    pub fn sends_any(&self, categories: &[&str], groups: &[&str]) -> Option<bool> {
        let mut answer = Some(false);
        for e in &self.logs {
            let matches = match &e.name {
                LogName::Category(c) => Some(categories.iter().any(|x| x.eq_ignore_ascii_case(c))),
                LogName::Group(g) => Some(groups.iter().any(|x| x.eq_ignore_ascii_case(g))),
                LogName::Unknown => None,
            };
            match (matches, e.enabled) {
                (Some(true), Some(true)) => return Some(true),
                (Some(false), _) | (_, Some(false)) => {}
                _ => answer = None,
            }
        }
        answer
    }

    /// How the setting relates to `cluster`, if it may.
    pub fn relation(&self, cluster: &ClusterKey) -> Option<Relation> {
        if self.exists == Some(false) {
            return None;
        }
        match &self.target {
            Target::Cluster(k) if k == cluster && self.exists == Some(true) => {
                Some(Relation::Targets)
            }
            Target::Cluster(k) if k == cluster => Some(Relation::MayTarget),
            Target::Unknown | Target::Within { .. } => Some(Relation::MayTarget),
            Target::Cluster(_) | Target::Other => None,
        }
    }
}

/// Whether a subscription's Defender plan covers containers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanState {
    /// `resource_type = "Containers"` (or `KubernetesService`), `tier = "Standard"`.
    Standard,
    /// The containers plan, `tier = "Free"`.
    Free,
    /// May be a Standard containers plan.
    Unknown,
}

/// An `azurerm_security_center_subscription_pricing` that concerns containers (or may), or a
/// module call that may create one.
#[derive(Debug, Clone)]
pub struct DefenderPlan {
    pub address: String,
    pub file: Arc<str>,
    /// The resource (or module call) header.
    pub span: Span,
    /// The `tier` attribute, when written.
    pub tier_span: Option<Span>,
    pub state: PlanState,
    call: Option<(usize, String)>,
}

/// One evaluated module instance.
#[derive(Debug)]
struct Instance {
    dir: PathBuf,
    parent: Option<usize>,
    prefix: String,
    files: Vec<Arc<str>>,
    /// The module's clusters, in either spelling: (resource type, name).
    clusters: Vec<(String, String)>,
}

impl Instance {
    fn declares(&self, kind: &str, name: &str) -> bool {
        self.clusters.iter().any(|(k, n)| k == kind && n == name)
    }
}

/// Cross-module facts. Each field is filled by [`TfIndex::add_module`].
#[derive(Debug, Default)]
pub struct TfIndex {
    /// The instances added so far (the tree being indexed): where references are placed.
    instances: Vec<Instance>,
    diagnostic_settings: Vec<DiagnosticSetting>,
    defender_plans: Vec<DefenderPlan>,
}

impl TfIndex {
    /// Adds the facts of one evaluated module instance (`prefix` is its `module.x.` address
    /// prefix, empty for a root). Instances come in the engine's walk order: a root, then its
    /// children depth first, each after its caller.
    pub fn add_module(&mut self, scope: &Scope<'_>, prefix: &str) {
        let me = self.instances.len();
        let parent = if prefix.is_empty() {
            None
        } else {
            // The caller is the latest instance with the parent's prefix (depth-first order).
            let parent_prefix = parent_prefix(prefix);
            self.instances
                .iter()
                .rposition(|i| i.prefix == parent_prefix)
        };
        // The caller's stand-ins for this call are replaced by what the child holds.
        if let Some(p) = parent {
            let this_call = |c: &Option<(usize, String)>| {
                c.as_ref().is_some_and(|(i, pre)| *i == p && pre == prefix)
            };
            self.diagnostic_settings.retain(|d| !this_call(&d.call));
            self.defender_plans.retain(|d| !this_call(&d.call));
        }
        self.instances.push(Instance {
            dir: scope.module().dir.clone(),
            parent,
            prefix: prefix.to_string(),
            files: scope
                .module()
                .files
                .iter()
                .map(|f| f.name.clone())
                .collect(),
            clusters: Vec::new(),
        });
        let resources = scope.resources();
        self.instances[me].clusters = resources
            .iter()
            .filter(|r| r.azure == Some(AzureKind::Cluster) && r.declares())
            .map(|r| (r.kind.to_string(), r.name.to_string()))
            .collect();
        self.place_within(me);
        for res in resources {
            match res.kind {
                DIAGNOSTIC_SETTING => {
                    let target = res.attr("target_resource_id");
                    let target = target.as_ref().map_or(Target::Other, |a| {
                        self.target(
                            me,
                            &Evaluated {
                                value: a.value.clone(),
                                origin: a.origin.clone(),
                            },
                        )
                    });
                    self.diagnostic_settings.push(DiagnosticSetting {
                        address: format!("{prefix}{}", res.address),
                        file: res.file.clone(),
                        span: res.span(),
                        exists: res.exists(),
                        target,
                        logs: logs_of(&res),
                        call: None,
                    });
                }
                _ if res.arm.is_some() => self.add_azapi(&res, me, prefix),
                DEFENDER_PLAN => {
                    if let Some(plan) = plan_of(&res, prefix) {
                        self.defender_plans.push(plan);
                    }
                }
                _ => {}
            }
        }
        self.add_calls(scope, me, prefix);
    }

    /// An azapi diagnostic setting (its target is `parent_id`, its logs `properties.logs[]`) or
    /// Defender pricing of instance `me`.
    fn add_azapi(&mut self, res: &Resource<'_>, me: usize, prefix: &str) {
        match arm_kind(res) {
            Some(AzureKind::DiagnosticSetting) => {
                let target = res.argument("parent_id").map_or(Target::Unknown, |a| {
                    self.target(
                        me,
                        &Evaluated {
                            value: a.value,
                            origin: a.origin,
                        },
                    )
                });
                self.diagnostic_settings.push(DiagnosticSetting {
                    address: format!("{prefix}{}", res.address),
                    file: res.file.clone(),
                    span: res.span(),
                    exists: res.exists(),
                    target,
                    logs: res
                        .arm
                        .as_ref()
                        .map_or_else(Vec::new, |a| arm_logs(&a.body)),
                    call: None,
                });
            }
            Some(AzureKind::DefenderPlan) => {
                if let Some(plan) = arm_plan_of(res, prefix) {
                    self.defender_plans.push(plan);
                }
            }
            _ => {}
        }
    }

    /// Module calls that may hold diagnostic settings or Defender plans, kept as candidates in
    /// case the engine does not evaluate them.
    fn add_calls(&mut self, scope: &Scope<'_>, me: usize, prefix: &str) {
        for call in &scope.module().calls {
            let Some((child_prefix, _)) = call.instance_prefix(scope, prefix) else {
                continue;
            };
            let inputs = call.inputs(scope);
            let mut refs = Vec::new();
            let mut visits = 10_000;
            for v in inputs.values() {
                collect_refs(v, &mut refs, 0, &mut visits);
            }
            let mut targets: Vec<Target> = Vec::new();
            let mut points_at_resources = false;
            for r in &refs {
                let t = self.ref_target(me, r);
                points_at_resources |= r
                    .value
                    .as_ref()
                    .is_some_and(|r| r.mode == RefMode::Managed && r.attr.as_deref() == Some("id"));
                if matches!(t, Target::Cluster(_) | Target::Within { .. }) && !targets.contains(&t)
                {
                    targets.push(t);
                }
            }
            // The call's name and source, not its input names: a module that takes
            // `diagnostic_settings` or `microsoft_defender_enabled` configures its own resources.
            let mut words = vec![call.name.to_ascii_lowercase()];
            words.extend(call.source.as_deref().map(str::to_ascii_lowercase));
            let says =
                |needles: &[&str]| words.iter().any(|w| needles.iter().any(|n| w.contains(n)));
            if targets.is_empty() && !points_at_resources && says(&["diagnostic", "diag_", "diag-"])
            {
                targets.push(Target::Unknown);
            }
            let pending = Some((me, child_prefix));
            for target in targets {
                self.diagnostic_settings.push(DiagnosticSetting {
                    address: format!("{prefix}module.{}", call.name),
                    file: call.file.clone(),
                    span: call.span,
                    exists: None,
                    target,
                    logs: vec![LogEntry {
                        name: LogName::Unknown,
                        enabled: None,
                    }],
                    call: pending.clone(),
                });
            }
            if says(&[
                "defender",
                "security_center",
                "security-center",
                "securitycenter",
            ]) {
                self.defender_plans.push(DefenderPlan {
                    address: format!("{prefix}module.{}", call.name),
                    file: call.file.clone(),
                    span: call.span,
                    tier_span: None,
                    state: PlanState::Unknown,
                    call: pending,
                });
            }
        }
    }

    /// Places the targets that wait for instance `me` (see [`Target::Within`]).
    fn place_within(&mut self, me: usize) {
        let inst = &self.instances[me];
        for d in &mut self.diagnostic_settings {
            let Target::Within { prefix, kind, name } = &d.target else {
                continue;
            };
            if *prefix != inst.prefix {
                continue;
            }
            d.target = if inst.declares(kind, name) {
                Target::Cluster(ClusterKey {
                    dir: inst.dir.clone(),
                    address: format!("{prefix}{kind}.{name}"),
                })
            } else {
                Target::Unknown
            };
        }
    }

    /// A resource of a Terraform plan (see [`super::plan`]) in the module instance `prefix`: a
    /// diagnostic setting, with its target placed by the caller (a plan holds no references,
    /// only the configuration's, see [`super::plan::config`]) and `exists` false when the target
    /// may be something else; or a Defender plan. Other resources add nothing.
    pub fn add_planned(
        &mut self,
        res: &Resource<'_>,
        prefix: &str,
        target: impl FnOnce() -> (Target, Option<bool>),
    ) {
        let kind = arm_kind(res).or(res.azure);
        match kind {
            Some(AzureKind::DiagnosticSetting) => {
                let logs = match &res.arm {
                    Some(a) => arm_logs(&a.body),
                    None => logs_of(res),
                };
                let (target, exists) = target();
                self.diagnostic_settings.push(DiagnosticSetting {
                    address: format!("{prefix}{}", res.address),
                    file: res.file.clone(),
                    span: res.span(),
                    exists,
                    target,
                    logs,
                    call: None,
                });
            }
            Some(AzureKind::DefenderPlan) => {
                let plan = match res.arm {
                    Some(_) => arm_plan_of(res, prefix),
                    None => plan_of(res, prefix),
                };
                self.defender_plans.extend(plan);
            }
            _ => {}
        }
    }

    /// Joins the facts of another tree of module instances (indexed in parallel).
    pub fn extend(&mut self, other: TfIndex) {
        self.diagnostic_settings.extend(other.diagnostic_settings);
        self.defender_plans.extend(other.defender_plans);
    }

    /// The key of a cluster resource checked in the instance whose address prefix is `prefix`;
    /// `None` for a resource of another type.
    pub fn cluster(res: &Resource<'_>, prefix: &str) -> Option<ClusterKey> {
        (res.azure == Some(AzureKind::Cluster) && res.declares()).then(|| ClusterKey {
            dir: res.scope().module().dir.clone(),
            address: format!("{prefix}{}", res.address),
        })
    }

    /// Every diagnostic setting of the scanned configuration (and module calls the linter does
    /// not evaluate that may create one), in scan order.
    pub fn diagnostic_settings(&self) -> impl Iterator<Item = &DiagnosticSetting> {
        self.diagnostic_settings.iter()
    }

    /// The diagnostic settings that target `cluster` or may.
    pub fn settings_of<'s>(
        &'s self,
        cluster: &'s ClusterKey,
    ) -> impl Iterator<Item = (&'s DiagnosticSetting, Relation)> + 's {
        self.diagnostic_settings()
            .filter_map(move |d| d.relation(cluster).map(|r| (d, r)))
    }

    /// Defender plans for containers (or plans that may be), in scan order. Subscription-wide:
    /// one covers every cluster.
    pub fn defender_plans(&self) -> impl Iterator<Item = &DefenderPlan> {
        self.defender_plans.iter()
    }

    /// What a `target_resource_id` value points at, seen from instance `me`.
    fn target(&self, me: usize, v: &Evaluated) -> Target {
        match &v.value {
            Value::Ref(_) => self.ref_target(me, v),
            Value::Known(Lit::String(s)) => {
                if s.to_ascii_lowercase()
                    .contains("/providers/microsoft.containerservice/managedclusters/")
                {
                    Target::Unknown
                } else {
                    Target::Other
                }
            }
            Value::Known(_) | Value::Absent => Target::Other,
            Value::Unknown => Target::Unknown,
        }
    }

    /// Places a reference: the instance whose module wrote it (this one or a caller up the
    /// chain) gives the module prefix.
    fn ref_target(&self, me: usize, v: &Evaluated) -> Target {
        let Value::Ref(r) = &v.value else {
            return Target::Other;
        };
        if r.kind.as_ref() != CLUSTER && r.kind.as_ref() != azapi::RESOURCE {
            return Target::Other;
        }
        if r.mode == RefMode::Data {
            return Target::Unknown;
        }
        if !matches!(r.attr.as_deref(), Some("id") | None) {
            return Target::Other;
        }
        let writer = self.writer(me, &v.origin).unwrap_or(me);
        // Out of a child's output: a cluster of that child instance (indexed after its caller).
        if !r.module.is_empty() {
            return Target::Within {
                prefix: format!("{}{}", self.instances[writer].prefix, r.module),
                kind: r.kind.clone(),
                name: r.name.clone(),
            };
        }
        // From the module that wrote the reference up its callers, the first that declares the
        // cluster (a function result may carry the origin of the call, not of the reference).
        let mut at = Some(writer);
        while let Some(i) = at {
            let inst = &self.instances[i];
            if inst.declares(&r.kind, &r.name) {
                return Target::Cluster(ClusterKey {
                    dir: inst.dir.clone(),
                    address: format!("{}{}", inst.prefix, r.address()),
                });
            }
            at = inst.parent;
        }
        // An azapi resource of this module that is no cluster (a registry, a vault…).
        if r.kind.as_ref() == azapi::RESOURCE {
            return Target::Other;
        }
        Target::Unknown
    }

    /// The instance, from `me` up its callers, whose module holds the file of `origin`.
    fn writer(&self, me: usize, origin: &Origin) -> Option<usize> {
        let mut at = Some(me);
        while let Some(i) = at {
            let inst = self.instances.get(i)?;
            if inst.files.contains(&origin.file) {
                return Some(i);
            }
            at = inst.parent;
        }
        None
    }
}

/// `module.a.module.b.` → `module.a.` (module names hold no dots).
fn parent_prefix(prefix: &str) -> &str {
    let trimmed = prefix.strip_suffix('.').unwrap_or(prefix);
    match trimmed.rfind("module.") {
        Some(i) => &prefix[..i],
        None => "",
    }
}

/// Every reference in a value (lists and objects searched), bounded in depth, in references
/// found and in nodes visited (shared values can be exponentially larger than they look).
fn collect_refs(v: &Evaluated, out: &mut Vec<Evaluated>, depth: u32, visits: &mut u32) {
    if depth > 8 || out.len() > 64 || *visits == 0 {
        return;
    }
    *visits -= 1;
    match &v.value {
        Value::Ref(_) => out.push(v.clone()),
        Value::Known(Lit::List(l)) => l
            .iter()
            .for_each(|e| collect_refs(e, out, depth + 1, visits)),
        Value::Known(Lit::Object(o)) => o
            .iter()
            .for_each(|(_, e)| collect_refs(e, out, depth + 1, visits)),
        _ => {}
    }
}

/// The Azure kind of an azapi resource (`type = "Microsoft.Insights/diagnosticSettings@…"`).
fn arm_kind(res: &Resource<'_>) -> Option<AzureKind> {
    res.arm.as_ref().map(|a| a.kind)
}

/// The log entries of an azapi diagnostic setting's body: each `properties.logs[]` item's
/// `category` or `categoryGroup`, sent when its `enabled` is true (AVM writes `enabled = false`
/// items for the groups not chosen).
fn arm_logs(body: &Evaluated) -> Vec<LogEntry> {
    let unknown = || {
        vec![LogEntry {
            name: LogName::Unknown,
            enabled: None,
        }]
    };
    let logs = match azapi::lookup(body, "properties.logs") {
        azapi::Found::Missing => return Vec::new(),
        azapi::Found::Unknown => return unknown(),
        azapi::Found::Value(v) => v,
    };
    let items = match &logs.value {
        Value::Absent => return Vec::new(),
        Value::Known(Lit::List(items)) => items.clone(),
        Value::Known(_) => return Vec::new(),
        Value::Unknown | Value::Ref(_) => return unknown(),
    };
    let mut out = Vec::new();
    for item in items.iter() {
        if item.value.is_absent() {
            continue;
        }
        let read = |key: &str| azapi::get(item, key).map(|e| e.value);
        let enabled = match read("enabled") {
            None | Some(Value::Absent) => Some(false),
            Some(v) => v.as_bool(),
        };
        let mut named = false;
        for (key, group) in [("category", false), ("categoryGroup", true)] {
            if let Some(name) = log_name(read(key), group) {
                named = true;
                out.push(LogEntry { name, enabled });
            }
        }
        if !named && !matches!(item.value, Value::Known(Lit::Object(_))) {
            out.push(LogEntry {
                name: LogName::Unknown,
                enabled: None,
            });
        }
    }
    out
}

/// An azapi `Microsoft.Security/pricings` that concerns containers, or may: its `name`
/// argument is the plan (`Containers`, legacy `KubernetesService`), `properties.pricingTier` its
/// tier; a subscription's plan or, from API 2024-01-01, a resource's (`parent_id` a cluster):
/// either covers the clusters here as far as the rules can tell.
fn arm_plan_of(res: &Resource<'_>, prefix: &str) -> Option<DefenderPlan> {
    let arm = res.arm.as_ref()?;
    let exists = res.exists();
    if exists == Some(false) {
        return None;
    }
    let name = res.argument("name").map_or(Value::Absent, |a| a.value);
    let is_containers = name.as_str().map(|s| {
        s.eq_ignore_ascii_case("Containers") || s.eq_ignore_ascii_case("KubernetesService")
    });
    let tier = match azapi::lookup(&arm.body, "properties.pricingTier") {
        azapi::Found::Value(v) => v.value.as_str().map(str::to_string),
        _ => None,
    };
    let state = plan_state(is_containers, exists, tier.as_deref())?;
    Some(DefenderPlan {
        address: format!("{prefix}{}", res.address),
        file: res.file.clone(),
        span: res.span(),
        tier_span: None,
        state,
        call: None,
    })
}

/// The log entries of a diagnostic setting: `enabled_log` blocks (every version) and v3 `log`
/// blocks, static or `dynamic`.
fn logs_of(res: &Resource<'_>) -> Vec<LogEntry> {
    let mut out = Vec::new();
    for kind in ["enabled_log", "log"] {
        let views = res.blocks(kind);
        // `dynamic "kind"` blocks as written, in order, to expand known `for_each` items.
        let mut raw = res.raw().body.blocks().filter(|b| {
            b.ident.as_str() == "dynamic" && b.labels.first().is_some_and(|l| l.as_str() == kind)
        });
        for view in views {
            let raw = if view.dynamic { raw.next() } else { None };
            match view.presence {
                Presence::KnownEmpty => continue,
                Presence::Unknown => entries(&view, kind, None, &mut out),
                Presence::KnownNonEmpty => {
                    let before = out.len();
                    entries(&view, kind, Some(true), &mut out);
                    let unsure = out[before..]
                        .iter()
                        .any(|e| e.name == LogName::Unknown || e.enabled.is_none());
                    if unsure && let Some(expanded) = raw.and_then(|b| expand(res, b, kind)) {
                        out.truncate(before);
                        out.extend(expanded);
                    }
                }
            }
        }
    }
    out
}

/// The entries one block (or a dynamic block's content, evaluated once) contributes.
fn entries(view: &BlockView<'_>, kind: &str, present: Option<bool>, out: &mut Vec<LogEntry>) {
    let enabled = match present {
        Some(true) if kind == "log" => log_enabled(view.attr("enabled").map(|a| a.value)),
        p => p,
    };
    for (attr, group) in [("category", false), ("category_group", true)] {
        if let Some(name) = log_name(view.attr(attr).map(|a| a.value), group) {
            out.push(LogEntry { name, enabled });
        }
    }
}

/// A `category` (or `category_group`) value; `None` when not written.
fn log_name(v: Option<Value>, group: bool) -> Option<LogName> {
    let v = v.filter(|v| !v.is_absent())?;
    Some(match (v.as_str(), group) {
        (Some(s), false) => LogName::Category(s.into()),
        (Some(s), true) => LogName::Group(s.into()),
        (None, _) => LogName::Unknown,
    })
}

/// v3 `log { enabled }`, which defaults to true.
fn log_enabled(v: Option<Value>) -> Option<bool> {
    match v {
        None | Some(Value::Absent) => Some(true),
        Some(v) => v.as_bool(),
    }
}

/// Evaluates a `dynamic` block's content once per known `for_each` item (the block view binds
/// the iterator only when there is exactly one). `None` when the items are not known.
fn expand(res: &Resource<'_>, block: &Block, kind: &str) -> Option<Vec<LogEntry>> {
    let scope = res.scope();
    let for_each = block.body.get_attribute("for_each")?;
    // The resource's own `each`/`count` are not bound here: they read as unknown.
    let items = scope.eval_in(&for_each.value, &res.file, &Env::default());
    let pairs: Vec<(Evaluated, Evaluated)> = match &items.value {
        Value::Known(Lit::List(l)) => l.iter().map(|e| (e.clone(), e.clone())).collect(),
        Value::Known(Lit::Object(o)) => o
            .iter()
            .map(|(k, v)| {
                let key = Evaluated {
                    value: Value::Known(Lit::String(k.clone())),
                    origin: v.origin.clone(),
                };
                (key, v.clone())
            })
            .collect(),
        _ => return None,
    };
    if pairs.len() > MAX_DYNAMIC_ITEMS {
        return None;
    }
    let iterator: Arc<str> = match block.body.get_attribute("iterator").map(|a| &a.value) {
        Some(Expression::Variable(v)) => v.as_str().into(),
        _ => kind.into(),
    };
    let content = block
        .body
        .blocks()
        .find(|c| c.ident.as_str() == "content")?;
    let origin = Origin {
        file: res.file.clone(),
        span: span_of(block),
    };
    let mut out = Vec::new();
    for (k, v) in pairs {
        let bound = Evaluated {
            value: Value::Known(Lit::Object(
                vec![(Arc::from("key"), k), (Arc::from("value"), v)].into(),
            )),
            origin: origin.clone(),
        };
        let env = Env::default().bind(iterator.clone(), bound);
        let eval = |name: &str| {
            content
                .body
                .get_attribute(name)
                .map(|a| scope.eval_in(&a.value, &res.file, &env).value)
        };
        let enabled = if kind == "log" {
            log_enabled(eval("enabled"))
        } else {
            Some(true)
        };
        for (attr, group) in [("category", false), ("category_group", true)] {
            let Some(name) = log_name(eval(attr), group) else {
                continue;
            };
            out.push(LogEntry { name, enabled });
        }
    }
    Some(out)
}

/// What a Defender pricing tells of the clusters (azurerm's and azapi's alike): `None` when it
/// is no container plan, or a Free one (which may be another resource type, or may not exist:
/// only a possible Standard plan counts); its tier when it certainly is the containers' plan
/// and exists; else unknown.
fn plan_state(
    is_containers: Option<bool>,
    exists: Option<bool>,
    tier: Option<&str>,
) -> Option<PlanState> {
    let tier = match tier {
        Some(s) if s.eq_ignore_ascii_case("Standard") => Some(PlanState::Standard),
        Some(s) if s.eq_ignore_ascii_case("Free") => Some(PlanState::Free),
        _ => None,
    };
    match (is_containers, exists, tier) {
        (Some(false), _, _) => None,
        (Some(true), Some(true), Some(t)) => Some(t),
        (_, _, Some(PlanState::Free)) => None,
        _ => Some(PlanState::Unknown),
    }
}

/// A subscription pricing that concerns containers, or may.
fn plan_of(res: &Resource<'_>, prefix: &str) -> Option<DefenderPlan> {
    let exists = res.exists();
    if exists == Some(false) {
        return None;
    }
    // `resource_type` defaults to `VirtualMachines`.
    let kind = res.attr("resource_type").map_or(Value::Absent, |a| a.value);
    let is_containers = match &kind {
        Value::Absent => Some(false),
        v => v.as_str().map(|s| {
            s.eq_ignore_ascii_case("Containers") || s.eq_ignore_ascii_case("KubernetesService")
        }),
    };
    let tier_attr = res.attr("tier");
    let tier = tier_attr
        .as_ref()
        .map_or(Value::Absent, |a| a.value.clone());
    let state = plan_state(is_containers, exists, tier.as_str())?;
    Some(DefenderPlan {
        address: format!("{prefix}{}", res.address),
        file: res.file.clone(),
        span: res.span(),
        tier_span: tier_attr.map(|a| a.key_span),
        state,
        call: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terraform::module::{Module, SourceKind, classify};
    use crate::terraform::parse::TfLimits;
    use std::path::{Path, PathBuf};

    fn module(dir: &str, files: &[(&str, &str)]) -> Module {
        let texts = files
            .iter()
            .map(|(n, t)| {
                let kind = classify(n).unwrap_or(SourceKind::VarFile);
                (Path::new(dir).join(n), kind, t.to_string())
            })
            .collect();
        Module::from_texts(&PathBuf::from(dir), texts, &TfLimits::default())
    }

    const CLUSTER_TF: &str = r#"
resource "azurerm_kubernetes_cluster" "main" {
  name = "aks"
}
"#;

    fn keys(idx: &TfIndex) -> Vec<(String, Target, Option<bool>)> {
        idx.diagnostic_settings()
            .map(|d| (d.address.clone(), d.target.clone(), d.exists))
            .collect()
    }

    #[test]
    fn settings_in_the_same_module_target_its_cluster() {
        let m = module(
            "root",
            &[(
                "main.tf",
                &format!(
                    r#"{CLUSTER_TF}
resource "azurerm_monitor_diagnostic_setting" "aks" {{
  target_resource_id = azurerm_kubernetes_cluster.main.id
  enabled_log {{
    category = "kube-audit"
  }}
  log {{
    category = "kube-apiserver"
    enabled  = false
  }}
  dynamic "enabled_log" {{
    for_each = ["guard", "kube-controller-manager"]
    content {{
      category = enabled_log.value
    }}
  }}
  dynamic "enabled_log" {{
    for_each = var.groups
    iterator = g
    content {{
      category_group = g.value
    }}
  }}
}}
resource "azurerm_monitor_diagnostic_setting" "kv" {{
  target_resource_id = azurerm_key_vault.kv.id
}}
resource "azurerm_monitor_diagnostic_setting" "other" {{
  count              = var.n
  target_resource_id = var.id
}}
variable "groups" {{}}
variable "n" {{}}
variable "id" {{}}
"#
                ),
            )],
        );
        let scope = Scope::new(&m);
        let mut idx = TfIndex::default();
        idx.add_module(&scope, "");
        let cluster = scope.resources_of(CLUSTER).remove(0);
        let key = TfIndex::cluster(&cluster, "").unwrap();
        assert_eq!(key.address, "azurerm_kubernetes_cluster.main");
        let k = keys(&idx);
        assert_eq!(k[0].1, Target::Cluster(key.clone()));
        assert_eq!(k[1].1, Target::Other);
        assert_eq!((k[2].1.clone(), k[2].2), (Target::Unknown, None));
        let aks = idx.diagnostic_settings().next().unwrap();
        let names: Vec<_> = aks
            .logs
            .iter()
            .map(|e| (e.name.clone(), e.enabled))
            .collect();
        let c = |s: &str| LogName::Category(s.into());
        assert_eq!(
            names,
            vec![
                (c("kube-audit"), Some(true)),
                (c("guard"), Some(true)),
                (c("kube-controller-manager"), Some(true)),
                (LogName::Unknown, None),
                (c("kube-apiserver"), Some(false)),
            ]
        );
        assert_eq!(aks.sends_any(&["KUBE-AUDIT"], &[]), Some(true));
        assert_eq!(aks.sends_any(&["kube-apiserver"], &[]), None);
        let rel: Vec<_> = idx
            .settings_of(&key)
            .map(|(d, r)| (d.address.clone(), r))
            .collect();
        assert_eq!(
            rel,
            vec![
                (
                    "azurerm_monitor_diagnostic_setting.aks".into(),
                    Relation::Targets
                ),
                (
                    "azurerm_monitor_diagnostic_setting.other".into(),
                    Relation::MayTarget
                ),
            ]
        );
    }

    #[test]
    fn a_reference_passed_to_a_child_points_into_the_caller() {
        let root = module(
            "root",
            &[(
                "main.tf",
                &format!(
                    r#"{CLUSTER_TF}
module "diag" {{
  source    = "./diag"
  target_id = azurerm_kubernetes_cluster.main.id
}}
module "aks" {{
  source = "./aks"
}}
module "remote" {{
  source     = "example/diagnostic-settings/azurerm"
  resource_id = azurerm_kubernetes_cluster.main.id
}}
module "defender" {{
  source = "example/defender-plans/azurerm"
}}
module "registry_aks" {{
  source                     = "Azure/aks/azurerm"
  microsoft_defender_enabled = true
  diagnostic_settings        = {{}}
}}
"#
                ),
            )],
        );
        let diag = module(
            "root/diag",
            &[(
                "main.tf",
                r#"
variable "target_id" {}
variable "flag" {}
resource "azurerm_monitor_diagnostic_setting" "this" {
  target_resource_id = var.target_id
  enabled_log {
    category_group = "allLogs"
  }
}
resource "azurerm_monitor_diagnostic_setting" "rewritten" {
  target_resource_id = var.flag ? var.target_id : var.target_id
}
"#,
            )],
        );
        let aks = module(
            "root/aks",
            &[(
                "main.tf",
                r#"
resource "azurerm_kubernetes_cluster" "main" {}
resource "azurerm_monitor_diagnostic_setting" "this" {
  target_resource_id = "${azurerm_kubernetes_cluster.main.id}"
}
"#,
            )],
        );
        let rs = Scope::new(&root);
        let calls = |n: &str| root.calls.iter().find(|c| c.name == n).unwrap().inputs(&rs);
        let ds = Scope::with_inputs(&diag, calls("diag"));
        let as_ = Scope::with_inputs(&aks, calls("aks"));
        let mut idx = TfIndex::default();
        idx.add_module(&rs, "");
        idx.add_module(&ds, "module.diag.");
        idx.add_module(&as_, "module.aks.");
        let root_cluster = TfIndex::cluster(&rs.resources_of(CLUSTER)[0], "").unwrap();
        let child_cluster = TfIndex::cluster(&as_.resources_of(CLUSTER)[0], "module.aks.").unwrap();
        assert_eq!(
            child_cluster.address,
            "module.aks.azurerm_kubernetes_cluster.main"
        );
        let k = keys(&idx);
        let addresses: Vec<&str> = k.iter().map(|x| x.0.as_str()).collect();
        // The remote call is a candidate (it receives the cluster's ID); the evaluated local
        // call is judged by its content instead.
        assert_eq!(
            addresses,
            [
                "module.remote",
                "module.diag.azurerm_monitor_diagnostic_setting.this",
                "module.diag.azurerm_monitor_diagnostic_setting.rewritten",
                "module.aks.azurerm_monitor_diagnostic_setting.this"
            ]
        );
        assert_eq!(k[0].1, Target::Cluster(root_cluster.clone()));
        assert_eq!(k[1].1, Target::Cluster(root_cluster.clone()));
        // The conditional's value carries the child's origin: the caller declares the cluster.
        assert_eq!(k[2].1, Target::Cluster(root_cluster.clone()));
        assert_eq!(k[3].1, Target::Cluster(child_cluster));
        assert_eq!(idx.defender_plans().count(), 1);
        // Another root with the same addresses is another cluster.
        let other = module("other", &[("main.tf", CLUSTER_TF)]);
        let os = Scope::new(&other);
        let mut part = TfIndex::default();
        part.add_module(&os, "");
        idx.extend(part);
        let other_cluster = TfIndex::cluster(&os.resources_of(CLUSTER)[0], "").unwrap();
        assert_ne!(other_cluster, root_cluster);
        assert_eq!(idx.settings_of(&other_cluster).count(), 0);
    }

    #[test]
    fn defender_plans() {
        let m = module(
            "root",
            &[(
                "main.tf",
                r#"
resource "azurerm_security_center_subscription_pricing" "vm" {
  tier = "Standard"
}
resource "azurerm_security_center_subscription_pricing" "containers" {
  tier          = "Standard"
  resource_type = "Containers"
}
resource "azurerm_security_center_subscription_pricing" "legacy" {
  tier          = "Free"
  resource_type = "KubernetesService"
}
resource "azurerm_security_center_subscription_pricing" "each" {
  for_each      = toset(["Containers", "VirtualMachines"])
  tier          = "Standard"
  resource_type = each.key
}
resource "azurerm_security_center_subscription_pricing" "maybe_free" {
  tier          = "Free"
  resource_type = var.t
}
variable "t" {}
"#,
            )],
        );
        let scope = Scope::new(&m);
        let mut idx = TfIndex::default();
        idx.add_module(&scope, "");
        let plans: Vec<_> = idx
            .defender_plans()
            .map(|p| (p.address.as_str(), p.state))
            .collect();
        assert_eq!(
            plans,
            [
                (
                    "azurerm_security_center_subscription_pricing.containers",
                    PlanState::Standard
                ),
                (
                    "azurerm_security_center_subscription_pricing.legacy",
                    PlanState::Free
                ),
                (
                    "azurerm_security_center_subscription_pricing.each",
                    PlanState::Unknown
                ),
            ]
        );
    }

    #[test]
    fn prefixes() {
        assert_eq!(parent_prefix("module.a."), "");
        assert_eq!(parent_prefix("module.a.module.b."), "module.a.");
    }
}
