//! AKS704 azure-policy-addon-disabled: `azure_policy_enabled` not true (it defaults to false in
//! every provider major). azurerm v2's `addon_profile { azure_policy { enabled } }` is read too.

use crate::declare_rule;
use crate::rules::azurerm::{Setting, report_attr, shown};
use crate::rules::monitoring::{Addon, v2_addon};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(AzurePolicyAddonDisabled, "AKS704", [Azure(Cluster)]);

const HELP: &str = "set `azure_policy_enabled = true` on the cluster, then assign the AKS policies (e.g. the deployment safeguards initiative) to it";

impl Rule for AzurePolicyAddonDisabled {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        match Setting::of(res.attr("azure_policy_enabled")) {
            Setting::Known(a) => {
                // `true`, or a value the provider would reject: nothing to say.
                if a.value.as_bool() == Some(false) {
                    let message = format!(
                        "{}: the Azure Policy add-on is off, so no Azure Policy is enforced inside \
                         the cluster",
                        shown("azure_policy_enabled", &a)
                    );
                    report_attr(cx, &a, message, HELP);
                }
            }
            Setting::Null(a) => {
                let message = format!(
                    "{}: the provider default (false) applies, so the Azure Policy add-on is off",
                    shown("azure_policy_enabled", &a)
                );
                report_attr(cx, &a, message, HELP);
            }
            Setting::Unknown => {}
            Setting::NotWritten => match v2_addon(res, "azure_policy") {
                Addon::On | Addon::Unknown => {}
                Addon::Off(a) => {
                    report_attr(
                        cx,
                        &a,
                        "`addon_profile { azure_policy { enabled = false } }`: the Azure Policy \
                         add-on is off"
                            .to_string(),
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
            },
        }
    }
}
