//! AKS613 acr-anonymous-pull: an `azurerm_container_registry` with `anonymous_pull_enabled =
//! true` (optional, default false). Fires whatever the SKU: on Basic the provider rejects the
//! setting, and the intent is the finding either way.

use crate::declare_rule;
use crate::rules::azurerm::{Setting, report_attr, shown};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(AcrAnonymousPull, "AKS613", [Azure(Registry)]);

const HELP: &str = "remove `anonymous_pull_enabled` (or set it to false); clusters pull with their kubelet identity (`AcrPull`), and public images belong in a separate public registry";

impl Rule for AcrAnonymousPull {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let Some(a) = Setting::of(res.attr("anonymous_pull_enabled")).written_as(true) else {
            return;
        };
        report_attr(
            cx,
            &a,
            format!(
                "{} lets anyone who can reach the registry pull every image without credentials",
                shown("anonymous_pull_enabled", &a)
            ),
            HELP,
        );
    }
}
