//! What the NetworkPolicy coverage rules (AKS301–AKS303, AKS306) share: the workloads and policies
//! of each namespace, in (path, position) order, and the namespaces they leave alone — those
//! whose policies live elsewhere (`managed-elsewhere`) and the ones AKS manages itself.

use crate::index::{Index, ObjectFacts, PolicyFacts, WorkloadFacts};
use crate::rules::{IndexCtx, RuleParams};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Namespaces that AKS itself runs: their network access is AKS's to set (a default-deny policy
/// there breaks add-ons), so coverage is not judged in them.
const SYSTEM_NAMESPACES: [&str; 3] = ["kube-system", "kube-public", "kube-node-lease"];

/// `[rules.AKS301]` … `[rules.AKS303]`: `managed-elsewhere`, globs of namespaces whose
/// NetworkPolicies are kept in another repository or applied by a platform team.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PoliciesElsewhere {
    #[serde(default)]
    pub managed_elsewhere: Vec<String>,
    #[serde(skip)]
    globs: Option<GlobSet>,
}

impl RuleParams for PoliciesElsewhere {
    fn prepare(&mut self) -> Result<(), String> {
        let mut b = GlobSetBuilder::new();
        for g in &self.managed_elsewhere {
            b.add(Glob::new(g).map_err(|e| format!("managed-elsewhere: `{g}`: {e}"))?);
        }
        self.globs = Some(b.build().map_err(|e| e.to_string())?);
        Ok(())
    }
}

impl PoliciesElsewhere {
    /// Whether coverage is judged in this namespace.
    pub fn judged(&self, namespace: &str) -> bool {
        !SYSTEM_NAMESPACES.contains(&namespace)
            && !self.globs.as_ref().is_some_and(|g| g.is_match(namespace))
    }
}

/// One namespace's workloads and NetworkPolicies.
#[derive(Default)]
pub struct Namespace<'i> {
    pub workloads: Vec<(&'i ObjectFacts, &'i WorkloadFacts)>,
    pub policies: Vec<(&'i ObjectFacts, &'i PolicyFacts)>,
}

impl<'i> Namespace<'i> {
    /// Every object the namespace's verdicts rest on.
    pub fn objects(&self) -> Vec<&'i ObjectFacts> {
        self.workloads
            .iter()
            .map(|(o, _)| *o)
            .chain(self.policies.iter().map(|(o, _)| *o))
            .collect()
    }

    /// `Deployment shop/orders, StatefulSet shop/db and 2 more`.
    pub fn workloads_named(&self) -> String {
        let names: Vec<&str> = self.workloads.iter().map(|(o, _)| o.label.as_str()).collect();
        let shown = names.iter().take(2).copied().collect::<Vec<_>>().join(", ");
        match names.len() {
            0..=2 => shown,
            n => format!("{shown} and {} more", n - 2),
        }
    }
}

/// The namespaces holding workloads or NetworkPolicies, by name.
pub fn namespaces(index: &Index) -> BTreeMap<&str, Namespace<'_>> {
    let mut out: BTreeMap<&str, Namespace<'_>> = BTreeMap::new();
    for (o, w) in index.workloads() {
        out.entry(o.namespace.as_str()).or_default().workloads.push((o, w));
    }
    for (o, p) in index.policies() {
        out.entry(o.namespace.as_str()).or_default().policies.push((o, p));
    }
    out
}

/// AKS301 (ingress) and AKS302 (egress): a namespace that holds workloads and no NetworkPolicy
/// that denies the direction by default. Silent when a policy may be one (a selector or a rule
/// list that cannot be read). At the Namespace object when it is scanned, else at the first
/// workload of the namespace.
pub fn missing_default_deny(index: &Index, cx: &mut IndexCtx<'_>, ingress: bool) {
    let elsewhere: &PoliciesElsewhere = cx.params();
    for (name, ns) in namespaces(index) {
        let Some(&(first, _)) = ns.workloads.first() else {
            continue;
        };
        if !elsewhere.judged(name) {
            continue;
        }
        if ns
            .policies
            .iter()
            .any(|(_, p)| p.denies_all(ingress) != Some(false))
        {
            continue;
        }
        let about = index.namespace_object(name).unwrap_or(first);
        let (direction, types, consequence) = if ingress {
            (
                "ingress",
                "Ingress",
                "a pod that no policy selects accepts connections from every pod of the cluster",
            )
        } else {
            (
                "egress",
                "Egress",
                "a pod that no policy selects can reach every address, inside the cluster and out",
            )
        };
        let mut also = ns.objects();
        also.push(about);
        cx.report(
            about,
            &about.anchor,
            &also,
            format!(
                "namespace `{name}` holds workloads ({}) but no NetworkPolicy that denies {direction} by default: {consequence}",
                ns.workloads_named()
            ),
            format!(
                "add a default-deny policy to the namespace: `{{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {{name: default-deny-{direction}, namespace: {name}}}, spec: {{podSelector: {{}}, policyTypes: [{types}]}}}}`, then allow what each workload needs with a policy that selects it{}",
                if ingress {
                    ""
                } else {
                    " (DNS included: egress to port 53 of `kube-dns`)"
                }
            ),
        );
    }
}
