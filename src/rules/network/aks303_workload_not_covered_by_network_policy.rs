//! AKS303 workload-not-covered-by-network-policy: no NetworkPolicy of the workload's namespace
//! selects its pod labels (`matchLabels` and `matchExpressions` evaluated; `podSelector: {}`
//! selects every pod), and no Cilium or Calico policy may isolate them. Silent when a policy's
//! selector or the pod's labels cannot be read.
//! Namespaces AKS runs and those listed in `managed-elsewhere` are not judged. At the pod
//! template's `labels`, else the workload's `kind`.

use super::coverage::{PoliciesElsewhere, namespaces};
use crate::declare_rule;
use crate::index::Index;
use crate::rules::{IndexCtx, Rule};

declare_rule!(
    WorkloadNotCoveredByNetworkPolicy,
    "AKS303",
    [Index],
    params = PoliciesElsewhere
);

impl Rule for WorkloadNotCoveredByNetworkPolicy {
    fn check_index(&self, index: &Index, cx: &mut IndexCtx<'_>) {
        let elsewhere: &PoliciesElsewhere = cx.params();
        for (name, ns, _) in namespaces(index) {
            if !elsewhere.judged(name) {
                continue;
            }
            let Some(selectors) = ns
                .policies
                .iter()
                .map(|(_, p)| p.pod_selector.as_ref())
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            let policies: Vec<_> = ns
                .policies
                .iter()
                .map(|(o, _)| *o)
                .chain(ns.engines.iter().map(|(o, _)| *o))
                .collect();
            for &(o, w) in &ns.workloads {
                let Some(labels) = &w.labels else { continue };
                if selectors.iter().any(|s| s.matches(labels)) || ns.engine_covers(name, w) {
                    continue;
                }
                let none = if ns.policies.is_empty() && ns.engines.is_empty() {
                    "the namespace has no NetworkPolicy"
                } else {
                    "no policy of the namespace selects its pod labels"
                };
                cx.report(
                    o,
                    w.labels_anchor.as_ref().unwrap_or(&o.anchor),
                    &policies,
                    format!(
                        "{} is covered by no NetworkPolicy ({none}): its pods accept connections from every pod of the cluster and reach every address",
                        o.label
                    ),
                    format!(
                        "add a NetworkPolicy in namespace `{name}` whose `podSelector` matches the pod labels and lists the traffic the workload needs, on top of a default-deny policy (`podSelector: {{}}`, `policyTypes: [Ingress, Egress]`)"
                    ),
                );
            }
        }
    }
}
