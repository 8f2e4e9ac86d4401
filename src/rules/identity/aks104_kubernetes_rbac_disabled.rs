//! AKS104 kubernetes-rbac-disabled: `role_based_access_control_enabled = false` on an
//! `azurerm_kubernetes_cluster`, or azurerm ≤ 2.98's `role_based_access_control { enabled =
//! false }` (read as v3). The default is `true` (ForceNew), so absent and null pass. Anchored at
//! the attribute.

use crate::declare_rule;
use crate::rules::azurerm::{Setting, report_attr, shown};
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Presence, Resource};

declare_rule!(KubernetesRbacDisabled, "AKS104", [Azure(Cluster)]);

const HELP: &str = "remove `role_based_access_control_enabled = false` (the default is `true`) or set it to `true`; the setting forces a new cluster, so plan the replacement";

const HELP_V2: &str = "remove the azurerm v2 block `role_based_access_control { … }` and leave `role_based_access_control_enabled` at its default `true` (azurerm ≥ 2.99); the setting forces a new cluster, so plan the replacement";

const CONSEQUENCE: &str = "turns Kubernetes RBAC off: every authenticated identity, every pod's service account included, can do anything in the cluster";

impl Rule for KubernetesRbacDisabled {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        const NAME: &str = "role_based_access_control_enabled";
        if let Some(a) = Setting::of(res.attr(NAME)).written_as(false) {
            report_attr(cx, &a, format!("{} {CONSEQUENCE}", shown(NAME, &a)), HELP);
        }
        // azurerm v2: `role_based_access_control { enabled = false }`.
        for block in res.blocks("role_based_access_control") {
            // A block that may be there (`dynamic`, unknown `for_each`) is judged on what it sets.
            if block.presence == Presence::KnownEmpty {
                continue;
            }
            if let Some(a) = Setting::of(block.attr("enabled")).written_as(false) {
                let message = format!(
                    "{} in `role_based_access_control` {CONSEQUENCE}",
                    shown("enabled", &a)
                );
                report_attr(cx, &a, message, HELP_V2);
            }
        }
    }
}
