//! AKS102 entra-id-integration-missing: an `azurerm_kubernetes_cluster` without an
//! `azure_active_directory_role_based_access_control` block (azurerm v2:
//! `role_based_access_control { azure_active_directory { … } }`, read as v3). An absence rule:
//! silent when any candidate block is a `dynamic` whose `for_each` is unknown. What the block
//! holds is AKS103's (rules.md, "a parent missing is the parent's rule"). Anchored at the
//! resource header, with the block to add.

use crate::declare_rule;
use crate::rules::azurerm::entra_blocks;
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Presence, Resource};

declare_rule!(EntraIdIntegrationMissing, "AKS102", [Azure(Cluster)]);

impl Rule for EntraIdIntegrationMissing {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let blocks = entra_blocks(res);
        if blocks.iter().any(|(_, p)| *p != Presence::KnownEmpty) {
            // Present, or a dynamic block that may be.
            return;
        }
        // Written in attribute syntax (`azure_active_directory_role_based_access_control = …`):
        // not the provider's syntax, but no proof that the integration is missing either.
        if res
            .attr("azure_active_directory_role_based_access_control")
            .or_else(|| res.attr("role_based_access_control"))
            .is_some()
        {
            return;
        }
        let message = if blocks.is_empty() {
            "the cluster has no `azure_active_directory_role_based_access_control` block: people sign in with certificates and tokens the cluster issues, not with Entra ID identities, groups and conditional access"
        } else {
            "the cluster's `dynamic \"azure_active_directory_role_based_access_control\"` block iterates over an empty collection, so there is no Entra ID integration: people sign in with certificates and tokens the cluster issues, not with Entra ID identities"
        };
        let managed = if cx.majors.single() == Some(3) {
            " and `managed = true` (azurerm v3)"
        } else {
            ""
        };
        let help = format!(
            "add the Entra ID integration to the cluster: a block `azure_active_directory_role_based_access_control {{ … }}` with `azure_rbac_enabled = true` and `admin_group_object_ids = [\"<object ID of the admins' Entra ID group>\"]`{managed}"
        );
        // An empty dynamic block is the place to fix; without one, the resource header.
        match blocks.first() {
            Some((b, _)) => cx.report(b.file(), b.span(), message, help),
            None => cx.report(&res.file, res.span(), message, help),
        };
    }
}
