//! AKS613 acr-anonymous-pull: an `azurerm_container_registry` with `anonymous_pull_enabled =
//! true` (optional, default false). Fires whatever the SKU: on Basic the provider rejects the
//! setting, and the intent is the finding either way.

use super::aks611_acr_admin_user_enabled::REGISTRY;
use crate::declare_rule;
use crate::rules::tf::{Setting, judged, report_attr, shown};
use crate::rules::{Rule, RuleMeta, TfCtx};
use crate::terraform::Resource;

declare_rule!(AcrAnonymousPull, "AKS613");

const HELP: &str = "remove `anonymous_pull_enabled` (or set it to false); clusters pull with their kubelet identity (`AcrPull`), and public images belong in a separate public registry";

impl Rule for AcrAnonymousPull {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        if !judged(res, REGISTRY) {
            return;
        }
        let setting = Setting::of(res.attr("anonymous_pull_enabled"));
        if setting.bool_or(false) != Some(true) {
            return;
        }
        if let Some(a) = setting.attr() {
            report_attr(
                cx,
                a,
                format!(
                    "{} lets anyone who can reach the registry pull every image without credentials",
                    shown("anonymous_pull_enabled", a)
                ),
                HELP,
            );
        }
    }
}
