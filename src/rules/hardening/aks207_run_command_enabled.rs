//! AKS207 run-command-enabled: a cluster whose `run_command_enabled` is not false (the provider
//! default is true in every major).

use crate::declare_rule;
use crate::rules::azurerm::{Setting, report_attr, shown_written};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(RunCommandEnabled, "AKS207", [Azure(Cluster)]);

const NAME: &str = "run_command_enabled";

const HELP: &str = "set `run_command_enabled = false` on the cluster, and reach a private API server through a jump host, Azure Bastion or a VPN (turn run command on for a break-glass session only)";

const WHY: &str = "the Azure API can run kubectl commands inside the cluster, around a private API server and its authorized IP ranges";

impl Rule for RunCommandEnabled {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let setting = Setting::of(res.attr(NAME));
        if setting.bool_or(true) != Some(true) {
            return;
        }
        let Some(a) = setting.attr() else {
            cx.report(
                &res.file,
                res.span(),
                format!("run command is left on (`{NAME}` defaults to true): {WHY}"),
                HELP,
            );
            return;
        };
        let message = if a.value.is_absent() {
            format!(
                "run command is left at its default, on ({}): {WHY}",
                shown_written(res, a, NAME)
            )
        } else {
            format!("run command is on ({}): {WHY}", shown_written(res, a, NAME))
        };
        report_attr(cx, a, message, HELP);
    }
}
