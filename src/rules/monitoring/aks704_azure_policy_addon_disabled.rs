//! AKS704 azure-policy-addon-disabled: `azure_policy_enabled` not true (it defaults to false in
//! every provider major). azurerm v2's `addon_profile { azure_policy { enabled } }` is read too.

use crate::declare_rule;
use crate::rules::monitoring::{Addon, v2_addon};
use crate::rules::{Rule, RuleMeta, TfCtx};
use crate::terraform::index::CLUSTER;
use crate::terraform::{Resource, Value};

declare_rule!(AzurePolicyAddonDisabled, "AKS704");

const HELP: &str = "set `azure_policy_enabled = true` on the cluster, then assign the AKS policies (e.g. the deployment safeguards initiative) to it";

impl Rule for AzurePolicyAddonDisabled {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        if res.kind != CLUSTER || res.exists() != Some(true) {
            return;
        }
        if let Some(a) = res.attr("azure_policy_enabled") {
            let message = match (&a.value, a.value.as_bool()) {
                (_, Some(true)) => return,
                (_, Some(false)) => {
                    "`azure_policy_enabled = false`: the Azure Policy add-on is off, so no Azure \
                     Policy is enforced inside the cluster"
                }
                (Value::Absent, _) => {
                    "`azure_policy_enabled` is null, so the provider default (false) applies: the \
                     Azure Policy add-on is off"
                }
                // Unknown, a reference, a value the provider would reject: cannot tell.
                _ => return,
            };
            cx.report(&a.file, a.key_span, message, HELP);
            return;
        }
        match v2_addon(res, "azure_policy") {
            Addon::On | Addon::Unknown => {}
            Addon::Off(a) => {
                cx.report(
                    &a.file,
                    a.key_span,
                    "`addon_profile { azure_policy { enabled = false } }`: the Azure Policy add-on \
                     is off",
                    "set `enabled = true` (azurerm v3 and later: `azure_policy_enabled = true` on the cluster)",
                );
            }
            Addon::Missing => {
                cx.report(
                    &res.file,
                    res.span(),
                    "the cluster does not set `azure_policy_enabled = true`; the Azure Policy \
                     add-on is off by default, so no Azure Policy is enforced inside the cluster",
                    HELP,
                );
            }
        }
    }
}
