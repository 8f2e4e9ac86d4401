//! What the NetworkPolicy coverage rules (AKS301–AKS303, AKS306) share: the workloads and policies
//! of each namespace (NetworkPolicies, and Cilium's and Calico's own: see [`crate::index::engines`]), in (path, position) order, and the namespaces they leave alone — those
//! whose policies live elsewhere (`managed-elsewhere`) and the ones AKS manages itself.

use crate::index::facts::LEGACY_ISOLATION_ANNOTATION;
use crate::index::{EngineFacts, Index, ObjectFacts, PolicyFacts, WorkloadFacts};
use crate::rules::{IndexCtx, RuleParams};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

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

/// One namespace's workloads and policies.
#[derive(Default)]
pub struct Namespace<'i> {
    pub workloads: Vec<(&'i ObjectFacts, &'i WorkloadFacts)>,
    pub policies: Vec<(&'i ObjectFacts, &'i PolicyFacts)>,
    /// The Cilium and Calico policies that may apply to its pods (cluster-wide ones included).
    pub engines: Vec<(&'i ObjectFacts, &'i EngineFacts)>,
    /// It holds custom resources whose operators may create pods that are not scanned.
    pub operator_pods: bool,
    /// A scanned Namespace object of this name carries the pre-1.7 isolation annotation.
    pub legacy_isolation: bool,
}

impl<'i> Namespace<'i> {
    /// Every object the namespace's verdicts rest on.
    pub fn objects(&self) -> Vec<&'i ObjectFacts> {
        self.workloads
            .iter()
            .map(|(o, _)| *o)
            .chain(self.policies.iter().map(|(o, _)| *o))
            .chain(self.engines.iter().map(|(o, _)| *o))
            .collect()
    }

    /// Whether a Cilium or Calico policy may isolate the workload's pods (in either direction).
    pub fn engine_covers(&self, namespace: &str, w: &WorkloadFacts) -> bool {
        self.engines
            .iter()
            .flat_map(|(_, e)| &e.rules)
            .any(|r| (r.ingress || r.egress) && r.may_select(w.labels.as_ref(), namespace))
    }

    /// Whether a Cilium or Calico policy may isolate every pod of the namespace in the direction:
    /// under those engines, a pod that a policy with rules for a direction selects accepts only
    /// what the rules allow — the namespace's default deny.
    pub fn engine_denies_all(&self, namespace: &str, ingress: bool) -> bool {
        self.engines
            .iter()
            .flat_map(|(_, e)| &e.rules)
            .any(|r| r.isolates(ingress) && r.may_select_all(namespace))
    }

    /// `Deployment shop/orders, StatefulSet shop/db and 2 more` (an object written in two
    /// files is one object in the cluster: named once).
    pub fn workloads_named(&self) -> String {
        let mut seen = std::collections::BTreeSet::new();
        let names: Vec<&str> = self
            .workloads
            .iter()
            .map(|(o, _)| o.label.as_str())
            .filter(|l| seen.insert(*l))
            .collect();
        let shown = names.iter().take(2).copied().collect::<Vec<_>>().join(", ");
        match names.len() {
            0..=2 => shown,
            n => format!("{shown} and {} more", n - 2),
        }
    }
}

/// The namespaces, by name, with their workloads and NetworkPolicies, and where a finding about
/// the namespace points (see [`crate::index::NamespaceView::finding_anchor`]).
pub fn namespaces(
    index: &Index,
) -> impl Iterator<Item = (&str, Namespace<'_>, Option<&ObjectFacts>)> {
    index.namespaces().map(|(name, view)| {
        let ns = Namespace {
            workloads: view.workloads().collect(),
            policies: view.policies().collect(),
            engines: view.engine_policies().collect(),
            operator_pods: view.has_operator_pods(),
            legacy_isolation: view.legacy_isolation(),
        };
        (name, ns, view.finding_anchor())
    })
}

/// AKS301 (ingress) and AKS302 (egress): a namespace that holds workloads and no NetworkPolicy
/// that denies the direction by default. Silent when a policy may be one (a selector or a rule
/// list that cannot be read), and when a Cilium or Calico policy isolates every pod of the
/// namespace in the direction. At the Namespace object when it is scanned, else at the first
/// workload of the namespace.
pub fn missing_default_deny(index: &Index, cx: &mut IndexCtx<'_>, ingress: bool) {
    let elsewhere: &PoliciesElsewhere = cx.params();
    for (name, ns, about) in namespaces(index) {
        let Some(about) = about.filter(|_| !ns.workloads.is_empty()) else {
            continue;
        };
        if !elsewhere.judged(name) {
            continue;
        }
        if ns
            .policies
            .iter()
            .any(|(_, p)| p.denies_all(ingress) != Some(false))
            || ns.engine_denies_all(name, ingress)
        {
            continue;
        }
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
        let legacy = if ns.legacy_isolation {
            format!(
                " (its `{LEGACY_ISOLATION_ANNOTATION}` annotation is ignored: Kubernetes dropped it in 1.7)"
            )
        } else {
            String::new()
        };
        cx.report(
            about,
            &about.anchor,
            &also,
            format!(
                "namespace `{name}` holds workloads ({}) but no NetworkPolicy that denies {direction} by default{legacy}: {consequence}",
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
