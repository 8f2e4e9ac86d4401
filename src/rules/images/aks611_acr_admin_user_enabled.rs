//! AKS611 acr-admin-user-enabled: an `azurerm_container_registry` with `admin_enabled = true`
//! (optional, default false in every azurerm major: only a written true fires).

use crate::declare_rule;
use crate::rules::azurerm::{Setting, report_attr, shown};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(AcrAdminUserEnabled, "AKS611", [Azure(Registry)]);

const HELP: &str = "remove `admin_enabled` (or set it to false) and give the cluster pull access through its kubelet identity (`azurerm_role_assignment` with `AcrPull` on the registry) and CI push access through a workload identity (`AcrPush`)";

impl Rule for AcrAdminUserEnabled {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let Some(a) = Setting::of(res.attr("admin_enabled")).written_as(true) else {
            return;
        };
        report_attr(
            cx,
            &a,
            format!(
                "{} turns on the registry's admin account: one shared username and password with push and pull rights on every repository, not tied to any identity",
                shown("admin_enabled", &a)
            ),
            HELP,
        );
    }
}
