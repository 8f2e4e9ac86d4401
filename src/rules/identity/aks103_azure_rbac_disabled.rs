//! AKS103 azure-rbac-disabled: an Entra ID integration block
//! (`azure_active_directory_role_based_access_control`, or azurerm v2's
//! `role_based_access_control { azure_active_directory { … } }`) whose `azure_rbac_enabled` is
//! not `true` (default `false` in every major). Only judged where the block is there: a
//! missing block is AKS102's, a `dynamic` one with an unknown `for_each` is silent. Anchored at
//! the attribute, or at the block header when it is not written.

use super::cluster::{entra_blocks, is_cluster, said};
use crate::declare_rule;
use crate::rules::{Rule, RuleMeta, TfCtx};
use crate::terraform::{Presence, Resource};

declare_rule!(AzureRbacDisabled, "AKS103");

const HELP: &str = "set `azure_rbac_enabled = true` in the Entra ID block, then grant access with Azure role assignments (`Azure Kubernetes Service RBAC Reader/Writer/Admin/Cluster Admin`) to Entra ID groups, at cluster or namespace scope";

impl Rule for AzureRbacDisabled {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        if !is_cluster(res) {
            return;
        }
        const NAME: &str = "azure_rbac_enabled";
        for (block, presence) in entra_blocks(res) {
            if presence != Presence::KnownNonEmpty {
                continue;
            }
            match block.attr(NAME) {
                None => {
                    cx.report(
                        block.file(),
                        block.span(),
                        format!(
                            "the `{}` block does not set `azure_rbac_enabled = true`: authorization stays with Kubernetes RBAC bindings inside the cluster, out of sight of Azure role assignments, PIM and access reviews",
                            block.name
                        ),
                        HELP,
                    );
                }
                Some(a) if a.value.is_absent() || a.value.as_bool() == Some(false) => {
                    let default = if a.value.is_absent() {
                        ", so the provider default `false` applies"
                    } else {
                        ""
                    };
                    cx.report(
                        &a.file,
                        a.key_span,
                        format!(
                            "{}{default}: authorization stays with Kubernetes RBAC bindings inside the cluster, out of sight of Azure role assignments, PIM and access reviews",
                            said(res, NAME, &a)
                        ),
                        HELP,
                    );
                }
                Some(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::identity::cluster::test_support::check_fixtures;

    #[test]
    fn fixtures() {
        check_fixtures(&AzureRbacDisabled);
    }
}
