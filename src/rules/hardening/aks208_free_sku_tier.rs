//! AKS208 free-sku-tier: a cluster whose `sku_tier` is absent (the default, `Free`) or `Free`.
//! `Standard`, `Premium` and v3's older `Paid` come with the uptime SLA.

use crate::declare_rule;
use crate::rules::azurerm::{Setting, is, report_attr, shown_written};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(FreeSkuTier, "AKS208", [Azure(Cluster)]);

const HELP: &str =
    "set `sku_tier = \"Standard\"` (or `\"Premium\"` for long-term support) on production clusters";

const WHY: &str = "the control plane has no uptime SLA and is sized for development and testing";

impl Rule for FreeSkuTier {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let (a, message) = match Setting::of(res.attr("sku_tier")) {
            Setting::NotWritten => {
                cx.report(
                    &res.file,
                    res.span(),
                    format!(
                        "the cluster runs on the Free tier (`sku_tier` defaults to `Free`): {WHY}"
                    ),
                    HELP,
                );
                return;
            }
            Setting::Null(a) => {
                let message = format!(
                    "the cluster is left on the default Free tier ({}): {WHY}",
                    shown_written(res, &a, "sku_tier")
                );
                (a, message)
            }
            Setting::Known(a) if is(&a, "free") => {
                let message = format!(
                    "the cluster runs on the Free tier ({}): {WHY}",
                    shown_written(res, &a, "sku_tier")
                );
                (a, message)
            }
            Setting::Known(_) | Setting::Unknown => return,
        };
        report_attr(cx, &a, message, HELP);
    }
}
