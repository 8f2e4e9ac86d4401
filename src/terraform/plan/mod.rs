//! Terraform plans in JSON (`terraform show -json plan.out > plan.json`): the resources a run
//! will create or keep, with every value Terraform knows at plan time — the values that remote
//! modules, data sources and variables given on the command line produce, which the `.tf`
//! evaluator has to leave unknown. See `azapi.md` §8 for the format.
//!
//! ```text
//! sniff::file_is_plan(path, limit)  ─► a `.json` whose top-level object holds format_version + planned_values
//! read(path, limit) ─► text          (AKS002 over `[limits] plan-size`, AKS001 unreadable / not UTF-8)
//! Plan::load(path, name, text)       json::Json::parse (AKS001 with the offset; AKS002 nested too deep)
//!   planned_values.root_module        resources[] and child_modules[] (nesting), depth first
//!     resources the rules judge       values ─► values::Convert, overlaid with resource_changes[].change.after_unknown
//!   configuration                     config::Configuration: azurerm majors, references of unknown targets
//! Resource::from_plan(&scope, &plan, r) ─► what rules read, as for `.tf` (see [`view`])
//! ```
//!
//! Every value is known except where `after_unknown` marks it; `null` is the provider default.
//! A finding points at the value's key in `planned_values` (the `"key": value` member) or, for
//! what is not set, at the resource's `"address"`. Only managed resources of the kinds the rules
//! judge are built (azurerm's, and azapi's by their `type`); the rest of the plan is validated
//! and skipped. Not read: `prior_state` (what exists), `resource_drift`, outputs and
//! `local_file` resources (AKS107 needs the expressions, which a plan reduces to references).

pub mod address;
pub mod config;
pub mod json;
pub mod sniff;
mod values;
pub(crate) mod view;

use crate::source::{Span, is_binary, lossy_text};
use crate::terraform::azapi::{self, Arm};
use crate::terraform::module::{Module, SourceFile, SourceKind};
use crate::terraform::{AzureKind, Cap, Evaluated, Majors, Origin, Value};
use address::Segment;
use config::{ClusterInstance, Configuration};
use json::{Json, Kind};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `[limits] plan-size`'s default: plans of large configurations run to tens of megabytes.
pub const DEFAULT_PLAN_SIZE: u64 = 200 * 1024 * 1024;

/// Resources of one plan that rules judge, at most: a plan of the largest configurations holds
/// a few hundred clusters, node pools, vaults, registries and diagnostic settings, and each
/// judged resource costs its findings' memory (a plan of 450,000 bare clusters made 6.7 million
/// findings, 8.6 GB).
pub const MAX_RESOURCES: usize = 10_000;

/// Values built for one plan's judged resources, at most (each costs about 60 bytes, however
/// short its text: `0,` is two bytes).
pub const MAX_VALUES: usize = 5_000_000;

/// What went wrong reading a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Cannot be read (AKS001).
    Unreadable,
    /// Over `[limits] plan-size` (AKS002, the whole file).
    TooLarge { size: u64, limit: u64 },
    /// Not UTF-8, not JSON (AKS001 at the offset).
    Syntax,
    /// Nested deeper than [`json::MAX_DEPTH`] (AKS002 at the offset).
    Depth,
    /// JSON, but not the shape of a plan where it was read (AKS001 at it).
    Shape,
    /// A value past a cap, read as unknown (AKS002 at it).
    Capped(Cap),
    /// The first resource past [`MAX_RESOURCES`], or past [`MAX_VALUES`] values built: it and
    /// those after it are not judged (AKS002 at it).
    Resources,
}

/// A problem and where (`None`: the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub span: Option<Span>,
    pub message: String,
}

/// A resource of the plan that a rule judges.
#[derive(Debug)]
pub struct PlanResource {
    /// The instance address as the plan writes it (`module.aks["eu"].azurerm_kubernetes_cluster.this`).
    pub address: String,
    /// Its module instance (`module.aks["eu"].`, empty in the root module).
    pub prefix: String,
    pub module: Vec<Segment>,
    /// The address within its module (`azurerm_kubernetes_cluster.this[0]`).
    pub local: String,
    pub kind: String,
    pub name: String,
    pub azure: AzureKind,
    /// For an azapi resource, its ARM type and body.
    pub arm: Option<Arc<Arm>>,
    /// The `"address": "…"` member: where findings about what is not set point.
    pub header: Span,
    /// The resource's object in `planned_values`.
    pub span: Span,
    /// Its values (an object, or unknown).
    pub values: Evaluated,
}

/// A plan, read.
#[derive(Debug)]
pub struct Plan {
    /// As given (its directory pairs it with the root module there).
    pub path: PathBuf,
    /// As shown in findings.
    pub name: Arc<str>,
    pub text: Arc<str>,
    /// The plan as a module of one file without blocks: the scope the views read through.
    pub module: Module,
    pub resources: Vec<PlanResource>,
    /// Every cluster instance (for placing references).
    pub clusters: Vec<ClusterInstance>,
    pub config: Configuration,
    /// The managed resources it plans (judged or not).
    pub objects: usize,
    pub problems: Vec<Problem>,
}

impl Plan {
    /// The azurerm majors its resources are judged with.
    pub fn majors(&self) -> Majors {
        self.config.majors
    }

    /// A plan that could not be read as one: `text` kept (what there is of it), `problem` why.
    pub fn unread(path: &Path, name: &str, text: Arc<str>, problem: Problem) -> Plan {
        let mut plan = Plan::empty(path, name, text);
        plan.problems.push(problem);
        plan
    }

    fn empty(path: &Path, name: &str, text: Arc<str>) -> Plan {
        let name: Arc<str> = name.into();
        Plan {
            path: path.to_path_buf(),
            name: name.clone(),
            text: text.clone(),
            module: module_of(path, &name, &text),
            resources: Vec::new(),
            clusters: Vec::new(),
            config: Configuration::default(),
            objects: 0,
            problems: Vec::new(),
        }
    }

    /// A plan of `text` (read from `path`, shown as `name`).
    pub fn load(path: &Path, name: &str, text: Arc<str>) -> Plan {
        let mut plan = Plan::empty(path, name, text.clone());
        if text.len() >= u32::MAX as usize {
            plan.problems.push(Problem {
                kind: ProblemKind::TooLarge {
                    size: text.len() as u64,
                    limit: u32::MAX as u64 - 1,
                },
                span: None,
                message: String::new(),
            });
            return plan;
        }
        let json = match Json::parse(&text) {
            Ok(j) => j,
            Err(e) => {
                let kind = if e.limit {
                    ProblemKind::Depth
                } else {
                    ProblemKind::Syntax
                };
                plan.problems.push(Problem {
                    kind,
                    span: Some(Span::new(e.offset, e.offset)),
                    message: e.message,
                });
                return plan;
            }
        };
        Reader {
            json: &json,
            plan: &mut plan,
        }
        .read();
        plan
    }
}

/// Reads a plan file: at most `limit` bytes, as [`text`] takes them.
pub fn read(path: &Path, limit: u64) -> Result<(String, Option<Problem>), Problem> {
    let problem = |kind, message: String| Problem {
        kind,
        span: None,
        message,
    };
    let meta = std::fs::metadata(path)
        .map_err(|e| problem(ProblemKind::Unreadable, format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(problem(
            ProblemKind::Unreadable,
            "cannot read: not a regular file".into(),
        ));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    let f = std::fs::File::open(path)
        .map_err(|e| problem(ProblemKind::Unreadable, format!("cannot read: {e}")))?;
    let mut buf = Vec::with_capacity(meta.len() as usize);
    f.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| problem(ProblemKind::Unreadable, format!("cannot read: {e}")))?;
    if buf.len() as u64 > limit {
        return Err(too_large(buf.len() as u64, limit));
    }
    Ok(text(buf))
}

/// The bytes of a plan as text, with why it cannot be read as a plan: a NUL byte near the start
/// makes it a binary file, as for any input (see `engine::input::decode`: AKS001 for the whole
/// file, no text kept); bytes that are not UTF-8 are AKS001 at the first of them, the text kept
/// with each such byte as `?` (its offsets are the file's).
pub fn text(bytes: Vec<u8>) -> (String, Option<Problem>) {
    if is_binary(&bytes) {
        let binary = Problem {
            kind: ProblemKind::Unreadable,
            span: None,
            message: "binary file: not a Terraform plan".into(),
        };
        return (String::new(), Some(binary));
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = lossy_text(e.as_bytes()).0.into_owned();
            let problem = Problem {
                kind: ProblemKind::Syntax,
                span: Some(Span::new(at, at)),
                message: format!("not UTF-8 at byte {at}"),
            };
            (text, Some(problem))
        }
    }
}

/// A plan over the size cap.
pub fn too_large(size: u64, limit: u64) -> Problem {
    Problem {
        kind: ProblemKind::TooLarge { size, limit },
        span: None,
        message: String::new(),
    }
}

/// The module the plan's views read through: one file (the plan) and nothing declared.
fn module_of(path: &Path, name: &Arc<str>, text: &Arc<str>) -> Module {
    Module {
        dir: path.to_path_buf(),
        files: vec![SourceFile {
            path: path.to_path_buf(),
            name: name.clone(),
            kind: SourceKind::Config,
            text: text.clone(),
            body: Ok(hcl_edit::structure::Body::new()),
        }],
        resources: Vec::new(),
        data: Vec::new(),
        outputs: Vec::new(),
        variables: BTreeMap::new(),
        locals: BTreeMap::new(),
        tfvars: BTreeMap::new(),
        calls: Vec::new(),
        duplicates: Vec::new(),
    }
}

/// A planned resource found, before its values are built.
struct Found {
    address: String,
    module: Vec<Segment>,
    local: String,
    kind: String,
    name: String,
    azure: AzureKind,
    /// For azapi: its ARM type.
    arm_type: Option<String>,
    header: Span,
    span: Span,
    values: Option<usize>,
}

/// The walk over a validated plan.
struct Reader<'j, 't, 'p> {
    json: &'j Json<'t>,
    plan: &'p mut Plan,
}

impl Reader<'_, '_, '_> {
    fn shape(&mut self, at: usize, message: String) {
        let end = self.json.end(at).min(at + 1);
        self.plan.problems.push(Problem {
            kind: ProblemKind::Shape,
            span: Some(Span::new(at, end.max(at))),
            message,
        });
    }

    /// Checks that the value at `at` is of `kind`, else notes where it is not.
    fn expect(&mut self, at: usize, kind: Kind, what: &str) -> bool {
        match self.json.kind(at) {
            Some(k) if k == kind => true,
            k => {
                let got = k.map_or("nothing", Kind::article);
                self.shape(
                    at,
                    format!(
                        "not a Terraform plan: `{what}` is {got}, {} expected",
                        kind.article()
                    ),
                );
                false
            }
        }
    }

    fn read(&mut self) {
        let json = self.json;
        let root = json.root;
        if !self.expect(root, Kind::Object, "the plan") {
            return;
        }
        if let Some(v) = json.get(root, "format_version") {
            let version = json.string_at(v.value).unwrap_or_default();
            if version.split('.').next() != Some("1") {
                self.shape(
                    v.value,
                    format!(
                        "plan format `{}` is not read (akslint reads format 1.x of `terraform show -json`)",
                        json.raw(v.value)
                    ),
                );
                return;
            }
        }
        let mut found = Vec::new();
        if let Some(pv) = json.get(root, "planned_values")
            && self.expect(pv.value, Kind::Object, "planned_values")
            && let Some(rm) = json.get(pv.value, "root_module")
            && self.expect(rm.value, Kind::Object, "planned_values.root_module")
        {
            self.module(
                rm.value,
                Vec::new(),
                "planned_values.root_module",
                &mut found,
            );
        }
        let unknowns = self.unknowns(&found);
        if let Some(c) = json.get(root, "configuration")
            && self.expect(c.value, Kind::Object, "configuration")
        {
            self.plan.config = Configuration::read(json, c.value);
        }
        self.build(found, &unknowns);
    }

    /// The resources of a module of `planned_values` and, depth first, of its child modules.
    fn module(&mut self, at: usize, path: Vec<Segment>, what: &str, out: &mut Vec<Found>) {
        let json = self.json;
        if let Some(rs) = json.get(at, "resources")
            && self.expect(rs.value, Kind::Array, &format!("{what}.resources"))
        {
            for r in json.items(rs.value) {
                self.resource(r, &path, what, out);
            }
        }
        if let Some(cm) = json.get(at, "child_modules")
            && self.expect(cm.value, Kind::Array, &format!("{what}.child_modules"))
        {
            for c in json.items(cm.value) {
                if !self.expect(c, Kind::Object, &format!("{what}.child_modules[]")) {
                    continue;
                }
                let address = json.get(c, "address");
                let child = address
                    .and_then(|a| json.string_at(a.value))
                    .and_then(|a| address::module_path(&a))
                    .filter(|p| p.len() == path.len() + 1 && p.starts_with(&path));
                match child {
                    Some(child) => {
                        let name =
                            format!("module `{}`", address::prefix(&child).trim_end_matches('.'));
                        self.module(c, child, &name, out);
                    }
                    None => {
                        let at = address.map_or(c, |a| a.value);
                        self.shape(
                            at,
                            format!("not a Terraform plan: a child module of {what} without the `address` of a module inside it: skipped"),
                        );
                    }
                }
            }
        }
    }

    /// One entry of a `resources` array: kept when it is a managed resource a rule judges.
    fn resource(&mut self, at: usize, path: &[Segment], what: &str, out: &mut Vec<Found>) {
        let json = self.json;
        if !self.expect(at, Kind::Object, &format!("{what}.resources[]")) {
            return;
        }
        let string = |k: &str| {
            json.get(at, k)
                .and_then(|m| json.string_at(m.value).map(|s| (m, s.into_owned())))
        };
        let (Some((addr_member, address)), Some((_, kind))) = (string("address"), string("type"))
        else {
            self.shape(
                at,
                format!("not a Terraform plan: a resource of {what} without a string `address` and `type`: skipped"),
            );
            return;
        };
        if string("mode").is_some_and(|(_, m)| m != "managed") {
            return;
        }
        self.plan.objects += 1;
        let values = json.get(at, "values").map(|m| m.value);
        let arm_type = if azapi::is_azapi(&kind) {
            let t = values
                .and_then(|v| json.get(v, "type"))
                .and_then(|m| json.string_at(m.value));
            match t.as_deref().and_then(azapi::parse_type) {
                Some(_) => t.map(|t| t.into_owned()),
                None => return,
            }
        } else {
            None
        };
        let azure = match (&arm_type, AzureKind::of_type(&kind)) {
            (Some(t), _) => match azapi::parse_type(t) {
                Some((k, _)) => k,
                None => return,
            },
            (None, Some(k)) => k,
            (None, None) => return,
        };
        let (module, local) = address::split(&address);
        if module != path {
            self.shape(
                addr_member.value,
                format!(
                    "not a Terraform plan: the resource `{address}` is listed under {what}: skipped"
                ),
            );
            return;
        }
        if out.len() >= MAX_RESOURCES {
            if !self
                .plan
                .problems
                .iter()
                .any(|p| p.kind == ProblemKind::Resources)
            {
                self.plan.problems.push(Problem {
                    kind: ProblemKind::Resources,
                    span: Some(addr_member_span(json, &addr_member)),
                    message: String::new(),
                });
            }
            return;
        }
        let local = local.to_string();
        let name = string("name").map_or_else(
            || {
                address::without_keys(&local)
                    .rsplit('.')
                    .next()
                    .unwrap_or("")
                    .to_string()
            },
            |(_, n)| n,
        );
        out.push(Found {
            address,
            module,
            local,
            kind,
            name,
            azure,
            arm_type,
            header: addr_member_span(json, &addr_member),
            span: Span::new(at, json.end(at)),
            values,
        });
    }

    /// Where `after_unknown` of each resource found is (`resource_changes`), by address.
    fn unknowns(&mut self, found: &[Found]) -> BTreeMap<String, usize> {
        let json = self.json;
        let mut out = BTreeMap::new();
        if found.is_empty() {
            return out;
        }
        let wanted: std::collections::BTreeSet<&str> =
            found.iter().map(|f| f.address.as_str()).collect();
        let Some(rc) = json.get(json.root, "resource_changes") else {
            return out;
        };
        if !self.expect(rc.value, Kind::Array, "resource_changes") {
            return out;
        }
        for c in json.items(rc.value) {
            let address = json.get(c, "address").and_then(|m| json.string_at(m.value));
            let Some(address) = address.filter(|a| wanted.contains(&**a)) else {
                continue;
            };
            // A deposed object is the old one of a replacement, on its way out.
            if json.get(c, "deposed").is_some() {
                continue;
            }
            if let Some(u) = json
                .get(c, "change")
                .and_then(|ch| json.get(ch.value, "after_unknown"))
            {
                out.insert(address.into_owned(), u.value);
            }
        }
        out
    }

    /// Builds the values of the resources found.
    fn build(&mut self, found: Vec<Found>, unknowns: &BTreeMap<String, usize>) {
        let json = self.json;
        let mut conv = values::Convert::new(json, self.plan.name.clone());
        for f in found {
            if conv.built() > MAX_VALUES {
                self.plan.problems.push(Problem {
                    kind: ProblemKind::Resources,
                    span: Some(f.header),
                    message: String::new(),
                });
                break;
            }
            conv.reset();
            let unknown = unknowns.get(&f.address).copied();
            let values = match f.values {
                Some(v) if json.kind(v) == Some(Kind::Object) => conv.value(v, unknown),
                // Values left out (or null): Terraform knows nothing of the resource yet.
                Some(v) => Evaluated {
                    value: Value::Unknown,
                    origin: self.origin(Span::new(v, json.end(v))),
                },
                None => Evaluated {
                    value: Value::Unknown,
                    origin: self.origin(f.header),
                },
            };
            let arm = f.arm_type.as_ref().and_then(|t| {
                let body = values.value.get("body").cloned();
                azapi::planned(&f.kind, t, body, &self.origin(f.header)).map(Arc::new)
            });
            let declares = f.kind != azapi::UPDATE;
            if f.azure == AzureKind::Cluster && declares {
                self.plan.clusters.push(ClusterInstance {
                    module: f.module.clone(),
                    kind: f.kind.clone(),
                    name: f.name.clone(),
                    key: address::instance_key(&f.local),
                    address: f.address.clone(),
                    id: values
                        .value
                        .get("id")
                        .and_then(|v| v.value.as_str())
                        .map(str::to_string),
                });
            }
            self.plan.resources.push(PlanResource {
                prefix: address::prefix(&f.module),
                address: f.address,
                module: f.module,
                local: f.local,
                kind: f.kind,
                name: f.name,
                azure: f.azure,
                arm,
                header: f.header,
                span: f.span,
                values,
            });
        }
        for (span, cap) in std::mem::take(&mut conv.capped) {
            self.plan.problems.push(Problem {
                kind: ProblemKind::Capped(cap),
                span: Some(span),
                message: String::new(),
            });
        }
    }

    fn origin(&self, span: Span) -> Origin {
        Origin {
            file: self.plan.name.clone(),
            span,
        }
    }
}

/// The span of an `"address": "…"` member.
fn addr_member_span(json: &Json<'_>, m: &json::Member) -> Span {
    Span::new(m.key_start, json.end(m.value))
}

/// Whether the plan's problems keep its resources from being judged (it could not be read
/// whole): a shape problem or a cap costs only its part.
pub fn unread(problems: &[Problem]) -> bool {
    problems.iter().any(|p| {
        matches!(
            p.kind,
            ProblemKind::Unreadable
                | ProblemKind::TooLarge { .. }
                | ProblemKind::Syntax
                | ProblemKind::Depth
        )
    })
}

#[cfg(test)]
mod tests;
