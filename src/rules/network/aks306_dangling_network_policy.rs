//! AKS306 dangling-network-policy: a NetworkPolicy whose `podSelector` selects no scanned workload
//! of its namespace. Silent in a namespace without scanned workloads (a repository of policies
//! alone), in one with custom resources whose operators create pods (a `Prometheus`, an
//! `Alertmanager`: their pods are no scanned workload), for `podSelector: {}`, and when a selector
//! or a workload's labels cannot be read. At the `podSelector` key.

use super::coverage::namespaces;
use crate::declare_rule;
use crate::index::Index;
use crate::rules::{IndexCtx, Rule};

declare_rule!(DanglingNetworkPolicy, "AKS306", [Index]);

impl Rule for DanglingNetworkPolicy {
    fn check_index(&self, index: &Index, cx: &mut IndexCtx<'_>) {
        for (name, ns, _) in namespaces(index) {
            if ns.workloads.is_empty() || ns.operator_pods {
                continue;
            }
            let Some(labels) = ns
                .workloads
                .iter()
                .map(|(_, w)| w.labels.as_ref())
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            let workloads: Vec<_> = ns.workloads.iter().map(|(o, _)| *o).collect();
            for &(o, p) in &ns.policies {
                let Some(selector) = &p.pod_selector else {
                    continue;
                };
                if selector.is_empty() || labels.iter().any(|l| selector.matches(l)) {
                    continue;
                }
                cx.report(
                    o,
                    &p.selector_anchor,
                    &workloads,
                    format!(
                        "{} selects {} of namespace `{name}`: its rules protect nothing (a typo in the selector, or a workload that was renamed)",
                        o.label,
                        match workloads.len() {
                            1 => "not its only scanned workload".to_string(),
                            n => format!("none of its {n} scanned workloads"),
                        }
                    ),
                    "make `podSelector` match the labels of the pods it is meant for (`spec.template.metadata.labels` of their workload), or delete the policy",
                );
            }
        }
    }
}
