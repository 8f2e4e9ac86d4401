//! AKS705 container-insights-disabled: no `oms_agent` block (azurerm v2:
//! `addon_profile { oms_agent { enabled = true } }`), so Container Insights collects nothing.

use crate::declare_rule;
use crate::rules::azurerm::report_attr;
use crate::rules::monitoring::{Addon, v2_addon};
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Presence, Resource};

declare_rule!(ContainerInsightsDisabled, "AKS705", [Azure(Cluster)]);

const HELP: &str = "add `oms_agent { log_analytics_workspace_id = azurerm_log_analytics_workspace.x.id, msi_auth_for_monitoring_enabled = true }` to the cluster";

impl Rule for ContainerInsightsDisabled {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        // A block written in attribute syntax (`oms_agent = …`) is not the provider's syntax, but
        // not a reason to call the block missing either.
        if res.attr("oms_agent").is_some() {
            return;
        }
        let mut empty_dynamic = None;
        for b in res.blocks("oms_agent") {
            match b.presence {
                Presence::KnownNonEmpty | Presence::Unknown => return,
                Presence::KnownEmpty => {
                    empty_dynamic.get_or_insert(b);
                }
            }
        }
        match v2_addon(res, "oms_agent") {
            Addon::On | Addon::Unknown => {}
            Addon::Off(a) => {
                report_attr(
                    cx,
                    &a,
                    "`addon_profile { oms_agent { enabled = false } }`: Container Insights is off, \
                     so no container logs or node metrics reach Azure Monitor"
                        .to_string(),
                    "set `enabled = true` with a `log_analytics_workspace_id` (azurerm v3 and later: an `oms_agent { … }` block on the cluster)",
                );
            }
            Addon::Missing => match empty_dynamic {
                Some(b) => {
                    cx.report(
                        b.file(),
                        b.span(),
                        "the `dynamic \"oms_agent\"` block has an empty `for_each`, so the cluster \
                         has no `oms_agent` block: Container Insights is off",
                        HELP,
                    );
                }
                None => {
                    cx.report(
                        &res.file,
                        res.span(),
                        "the cluster has no `oms_agent` block: Container Insights is off, so no \
                         container logs or node metrics reach Azure Monitor",
                        HELP,
                    );
                }
            },
        }
    }
}
