//! AKS507 keyvault-provider-off-on-cluster: SecretProviderClasses with `provider: azure` are
//! applied to a scanned cluster whose Key Vault secrets provider add-on is certainly off (no
//! `key_vault_secrets_provider` block: what AKS511 reports on the cluster). One finding per
//! cluster, at its first such class in (path, position) order, naming the others; the cluster
//! is the one `[[cluster]]` maps the manifests to, or the project's only one.

use crate::declare_rule;
use crate::index::terraform::ClusterFacts;
use crate::index::{Index, ObjectFacts};
use crate::rules::{IndexCtx, Rule};
use std::collections::BTreeMap;

declare_rule!(KeyVaultProviderOffOnCluster, "AKS507", [Index]);

impl Rule for KeyVaultProviderOffOnCluster {
    fn check_index(&self, index: &Index, cx: &mut IndexCtx<'_>) {
        if index.terraform().clusters.is_empty() {
            return;
        }
        let mut by_cluster: BTreeMap<&str, (&ClusterFacts, Vec<&ObjectFacts>)> = BTreeMap::new();
        for (o, spc) in index.secret_provider_classes() {
            if !spc
                .provider
                .as_deref()
                .is_some_and(|p| p.trim().eq_ignore_ascii_case("azure"))
            {
                continue;
            }
            let Some(cluster) = index
                .cluster_of(o)
                .filter(|c| c.key_vault_provider == Some(false))
            else {
                continue;
            };
            by_cluster
                .entry(&cluster.address)
                .or_insert_with(|| (cluster, Vec::new()))
                .1
                .push(o);
        }
        for (cluster, classes) in by_cluster.into_values() {
            let (first, others) = classes.split_first().expect("one class at least");
            let named: Vec<&str> = others.iter().map(|o| o.label.as_str()).collect();
            let more = match named.len() {
                0 => String::new(),
                _ => format!(" (and {})", named.join(", ")),
            };
            cx.report(
                first,
                &first.anchor,
                others,
                format!(
                    "{}{more} needs the Azure Key Vault provider, but cluster `{}` ({}) has no `key_vault_secrets_provider`: pods that mount these classes stay in ContainerCreating",
                    first.label, cluster.address, cluster.anchor.file
                ),
                format!(
                    "add `key_vault_secrets_provider {{ secret_rotation_enabled = true }}` to `{}`",
                    cluster.address
                ),
            );
            cx.also_rests_on(&cluster.anchor);
        }
    }
}
