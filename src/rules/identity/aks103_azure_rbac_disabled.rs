//! AKS103 azure-rbac-disabled: an Entra ID integration block
//! (`azure_active_directory_role_based_access_control`, or azurerm v2's
//! `role_based_access_control { azure_active_directory { … } }`) whose `azure_rbac_enabled` is
//! not `true` (default `false` in every major). Only judged where the block is there: a
//! missing block is AKS102's; a `dynamic` one with an unknown `for_each` is judged as the
//! representative instance's block (rules.md, "Unknown presence"). Anchored at the attribute, or
//! at the block header when it is not written.

use crate::declare_rule;
use crate::rules::azurerm::{Setting, entra_blocks, report_attr, shown};
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Presence, Resource};

declare_rule!(AzureRbacDisabled, "AKS103", [Azure(Cluster)]);

const NAME: &str = "azure_rbac_enabled";

const HELP: &str = "set `azure_rbac_enabled = true` in the Entra ID block (azurerm v3 also needs `managed = true` there), then grant access with Azure role assignments (`Azure Kubernetes Service RBAC Reader`, `Writer`, `Admin`, `Cluster Admin`) to Entra ID groups, at cluster or namespace scope";

const CONSEQUENCE: &str = "authorization stays with Kubernetes RBAC bindings inside the cluster, out of sight of Azure role assignments, PIM and access reviews";

impl Rule for AzureRbacDisabled {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        for (block, presence) in entra_blocks(res) {
            if presence == Presence::KnownEmpty {
                continue;
            }
            let setting = Setting::of(block.attr(NAME));
            if setting.bool_or(false) != Some(false) {
                continue;
            }
            match setting.attr() {
                None => {
                    cx.report(
                        block.file(),
                        block.span(),
                        format!(
                            "the `{}` block does not set `azure_rbac_enabled = true`: {CONSEQUENCE}",
                            block.name
                        ),
                        HELP,
                    );
                }
                Some(a) => {
                    let default = if a.value.is_absent() {
                        ", so the provider default `false` applies"
                    } else {
                        ""
                    };
                    report_attr(
                        cx,
                        a,
                        format!("{}{default}: {CONSEQUENCE}", shown(NAME, a)),
                        HELP,
                    );
                }
            }
        }
    }
}
