//! AKS314 network-policies-not-enforced: the scanned manifests hold NetworkPolicies (or Cilium
//! or Calico policies) for a scanned cluster that certainly enforces none — no
//! `network_profile`, or one without a network-policy engine, a bring-your-own CNI or the Cilium
//! data plane (what AKS312 reports on the cluster). One finding per cluster, at its first policy
//! in (path, position) order, naming how many there are; the cluster is the one `[[cluster]]`
//! maps the manifests to, or the project's only one.

use crate::declare_rule;
use crate::index::terraform::ClusterFacts;
use crate::index::{Index, ObjectFacts, What};
use crate::rules::{IndexCtx, Rule};
use std::collections::BTreeMap;

declare_rule!(NetworkPoliciesNotEnforced, "AKS314", [Index]);

impl Rule for NetworkPoliciesNotEnforced {
    fn check_index(&self, index: &Index, cx: &mut IndexCtx<'_>) {
        if index.terraform().clusters.is_empty() {
            return;
        }
        // Policies by the cluster they are applied to, in (path, position) order.
        let mut by_cluster: BTreeMap<&str, (&ClusterFacts, Vec<&ObjectFacts>)> = BTreeMap::new();
        for o in index.objects() {
            if !matches!(o.what, What::NetworkPolicy(_) | What::EnginePolicy(_)) {
                continue;
            }
            let Some(cluster) = index.cluster_of(o).filter(|c| c.no_policy_engine) else {
                continue;
            };
            by_cluster
                .entry(&cluster.address)
                .or_insert_with(|| (cluster, Vec::new()))
                .1
                .push(o);
        }
        for (cluster, policies) in by_cluster.into_values() {
            let (first, others) = policies.split_first().expect("one policy at least");
            let more = match others.len() {
                0 => String::new(),
                1 => " (and 1 more policy)".to_string(),
                n => format!(" (and {n} more policies)"),
            };
            cx.report(
                first,
                &first.anchor,
                others,
                format!(
                    "{}{more} will not be enforced: cluster `{}` ({}) has no network-policy engine, so the API server accepts every policy and no pod is isolated",
                    first.label, cluster.address, cluster.anchor.file
                ),
                format!(
                    "give `{}` a network-policy engine: `network_profile {{ network_plugin = \"azure\", network_policy = \"cilium\", network_data_plane = \"cilium\" }}` (or `network_policy = \"azure\"`/`\"calico\"`)",
                    cluster.address
                ),
            );
            cx.also_rests_on(&cluster.anchor);
        }
    }
}
