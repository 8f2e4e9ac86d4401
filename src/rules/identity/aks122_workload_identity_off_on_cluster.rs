//! AKS122 workload-identity-off-on-cluster: a pod labelled `azure.workload.identity/use: "true"`
//! runs on a scanned cluster whose `workload_identity_enabled` or `oidc_issuer_enabled` is off
//! (the provider default counts: `workload_identity_enabled` is off unless set, the OIDC issuer
//! is on by default from azurerm v5). At the label; the cluster is the one `[[cluster]]` maps the
//! manifest to, or the only one in the project's Terraform — with several and no mapping, or a
//! setting that cannot be known, the rule is silent.

use crate::declare_rule;
use crate::index::Index;
use crate::rules::{IndexCtx, Rule};

declare_rule!(WorkloadIdentityOffOnCluster, "AKS122", [Index]);

impl Rule for WorkloadIdentityOffOnCluster {
    fn check_index(&self, index: &Index, cx: &mut IndexCtx<'_>) {
        if index.terraform().clusters.is_empty() {
            return;
        }
        for (o, w) in index.workloads() {
            let Some(label) = &w.workload_identity else {
                continue;
            };
            let Some(cluster) = index.cluster_of(o) else {
                continue;
            };
            let off: Vec<&str> = [
                ("workload_identity_enabled", cluster.workload_identity),
                ("oidc_issuer_enabled", cluster.oidc_issuer),
            ]
            .into_iter()
            .filter(|(_, on)| *on == Some(false))
            .map(|(name, _)| name)
            .collect();
            let what = match off[..] {
                [] => continue,
                [one] => format!("`{one}` is off"),
                _ => "`workload_identity_enabled` and `oidc_issuer_enabled` are off".to_string(),
            };
            cx.report(
                o,
                label,
                &[],
                format!(
                    "{} asks for Workload Identity, but on cluster `{}` ({}) {what}: no token is injected, so the pod's Azure SDK calls fail to authenticate",
                    o.label, cluster.address, cluster.anchor.file
                ),
                format!(
                    "set `oidc_issuer_enabled = true` and `workload_identity_enabled = true` on `{}`",
                    cluster.address
                ),
            );
            cx.also_rests_on(&cluster.anchor);
        }
    }
}
