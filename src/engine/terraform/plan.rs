//! Terraform plans in the pipeline: each plan is checked like a root module's tree (its
//! resources offered to the rules of their Azure kind, its diagnostic settings and Defender plans
//! in the one index every root shares), then its findings meet those of the configuration it was
//! planned from.
//!
//! # A plan and its configuration, scanned together
//!
//! A plan is *paired* with the root module in its own directory when that directory is a
//! scanned root (`terraform show -json plan.out > plan.json`, run where the configuration is):
//! the two describe the same resources, and each finding is reported once. The unit is the
//! resource and the rule: when the configuration's evaluation reports a rule on a resource (its
//! address with instance keys left out, `module.aks.azurerm_kubernetes_cluster.this`), the plan's
//! findings of that rule on any instance of that resource are dropped, and the finding stays at
//! the `.tf` position, where it is fixed (and where an `# akslint-ignore` comment silences it, for
//! both). When the configuration does not report it (its value is unknown to the evaluator: a
//! remote module, a data source, a variable given on the command line), the plan's finding is
//! reported, at the value in the plan. The configuration's findings are taken before any
//! suppression comment or `[[per-path]]` ignore applies, so that what is silenced in `.tf` is
//! silenced in the plan too; `[[per-object]]` ignores apply to both alike. Output stays the same
//! at any thread count: the pairing and the comparison depend only on paths and addresses.
//!
//! A paired plan adds no facts for the cross-layer rules (its clusters are the configuration's:
//! counting them twice would make every project hold two clusters); an unpaired plan's clusters
//! and federated credentials are facts like any other.

use super::super::Options;
use super::super::finish::{self, FileText};
use super::super::settings::Settings;
use super::check::{At, Offer, Root, Rules, Source, offer};
use super::facts;
use super::load::Project;
use crate::diagnostic::{Finding, LintResult};
use crate::discover::normalize;
use crate::index::terraform::TfFacts;
use crate::rules::linter;
use crate::terraform::index::{ClusterKey, Target};
use crate::terraform::plan::config::Found;
use crate::terraform::plan::{Plan, PlanResource, address, unread};
use crate::terraform::{Resource, Scope, TfIndex, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Checks the `p`th plan with the rules of each config that applies to it.
pub(super) fn check<'c>(plan: &Plan, p: usize, rules: &[Rules<'_, 'c>], collect: bool) -> Root<'c> {
    let mut root = Root {
        source: Source::Plan(p),
        index: TfIndex::default(),
        objects: plan.objects,
        facts: TfFacts::default(),
        findings: Vec::new(),
        waiting: Vec::new(),
    };
    if unread(&plan.problems) {
        return root;
    }
    let scope = Scope::new(&plan.module);
    let resources: Vec<(&PlanResource, Resource<'_>)> = plan
        .resources
        .iter()
        .map(|r| (r, Resource::from_plan(&scope, plan, r)))
        .collect();
    for (r, res) in &resources {
        root.index
            .add_planned(res, &r.prefix, || target(plan, r, res));
    }
    let majors = plan.majors();
    for (k, rule) in rules.iter().enumerate().filter(|(_, rule)| rule.plans[p]) {
        let mut found = Vec::new();
        for (r, res) in &resources {
            let at = At {
                prefix: &r.prefix,
                majors,
                source: Source::Plan(p),
            };
            let mut waiting = Vec::new();
            offer(
                res,
                Offer::Azure(r.azure),
                &at,
                rule,
                &mut found,
                &mut waiting,
            );
            root.waiting.extend(waiting.into_iter().map(|w| (k, w)));
        }
        root.findings.push((k, found));
    }
    if collect {
        for (r, res) in &resources {
            facts::of(res, r.address.clone(), majors, &mut root.facts);
        }
    }
    root
}

/// What a planned diagnostic setting is attached to (its `target_resource_id`, an azapi
/// setting's `parent_id`), and whether it certainly is (`None`: it may be something else).
fn target(plan: &Plan, r: &PlanResource, res: &Resource<'_>) -> (Target, Option<bool>) {
    let attr = if res.arm.is_some() {
        "parent_id"
    } else {
        "target_resource_id"
    };
    let value = res.argument(attr).map_or(Value::Absent, |a| a.value);
    let cluster =
        |address: &str| Target::Cluster(ClusterKey::new(plan.path.clone(), address.to_string()));
    match &value {
        Value::Known(_) => {
            let Some(id) = value.as_str() else {
                return (Target::Other, Some(true));
            };
            // An existing cluster's ID is known in the plan.
            let same = plan
                .clusters
                .iter()
                .find(|c| c.id.as_deref().is_some_and(|i| i.eq_ignore_ascii_case(id)));
            match same {
                Some(c) => (cluster(&c.address), Some(true)),
                None if id
                    .to_ascii_lowercase()
                    .contains("/providers/microsoft.containerservice/managedclusters/") =>
                {
                    (Target::Unknown, Some(true))
                }
                None => (Target::Other, Some(true)),
            }
        }
        Value::Absent => (Target::Other, Some(true)),
        Value::Unknown | Value::Ref(_) => {
            let resource = address::without_keys(&r.local);
            let found = plan
                .config
                .resolve(&r.module, &resource, attr, &plan.clusters);
            let clusters: Vec<&str> = found
                .iter()
                .filter_map(|f| match f {
                    Found::Cluster(a) => Some(a.as_str()),
                    _ => None,
                })
                .collect();
            let other = found.contains(&Found::Other);
            if found.contains(&Found::Unknown) {
                return (Target::Unknown, Some(true));
            }
            match (clusters.as_slice(), other) {
                ([], _) => (Target::Other, Some(true)),
                ([one], false) => (cluster(one), Some(true)),
                // The cluster, or something else: it may target the cluster.
                ([one], true) => (cluster(one), None),
                _ => (Target::Unknown, Some(true)),
            }
        }
    }
}

/// The root module a plan was made from, when scanned: the root in the plan's directory (see
/// the module doc).
pub(super) fn paired(plan: &Plan, project: &Project) -> Option<usize> {
    let dir = normalize(plan.path.parent().unwrap_or(Path::new("")));
    project
        .roots
        .iter()
        .position(|r| *r == dir && project.is_scanned(r))
}

/// What the configuration's evaluation reports, by root: each finding's resource (its address
/// with instance keys left out) and rule, before suppressions.
pub(super) struct Reported(BTreeMap<usize, BTreeSet<(String, &'static str)>>);

impl Reported {
    /// From every config's findings.
    pub fn of(findings: &[Vec<(Source, String, Finding)>]) -> Reported {
        let mut out: BTreeMap<usize, BTreeSet<(String, &'static str)>> = BTreeMap::new();
        for (source, _, f) in findings.iter().flatten() {
            if let (Source::Root(r), Some(o)) = (source, &f.object) {
                out.entry(*r)
                    .or_default()
                    .insert((address::without_keys(o), f.id()));
            }
        }
        Reported(out)
    }

    /// Whether a finding of a plan paired with the root `root` is one its configuration
    /// reports (then it is reported there, once).
    pub fn covers(&self, root: Option<usize>, f: &Finding) -> bool {
        let (Some(keys), Some(object)) = (root.and_then(|r| self.0.get(&r)), &f.object) else {
            return false;
        };
        keys.contains(&(address::without_keys(object), f.id()))
    }
}

/// Each plan's tail: what could not be read of it (AKS001, AKS002) and its findings, through the
/// config that applies to it (a plan holds no suppression comment).
pub(super) fn finish(
    plans: &[Plan],
    findings: Vec<Vec<Finding>>,
    config_of_plan: &[usize],
    settings: &Settings<'_>,
    opts: &Options,
    out: &mut LintResult,
) {
    for ((p, found), &c) in plans.iter().zip(findings).zip(config_of_plan) {
        out.judged.files.push(p.name.to_string());
        let mut all: Vec<Finding> = p.problems.iter().map(linter::plan_problem).collect();
        all.extend(found);
        if all.is_empty() {
            continue;
        }
        let file = FileText::new(&p.name, &p.text);
        let diags = finish::finish(&file, all, &mut [], settings.set(c), settings.cfg(c), false);
        if opts.keep_sources && !diags.is_empty() {
            out.sources.insert(p.name.to_string(), p.text.clone());
        }
        out.diagnostics.extend(diags);
    }
}
