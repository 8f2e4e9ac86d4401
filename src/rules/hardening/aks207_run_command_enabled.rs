//! AKS207 run-command-enabled: a cluster whose `run_command_enabled` is not false (the provider
//! default is true in every major).

use crate::rules::azurerm::{report_attr, shown_written};
use crate::declare_rule;
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(RunCommandEnabled, "AKS207", [Azure(Cluster)]);

const HELP: &str = "set `run_command_enabled = false` on the cluster, and reach a private API server through a jump host, Azure Bastion or a VPN (turn run command on for a break-glass session only)";

const WHY: &str = "the Azure API can run kubectl commands inside the cluster, around a private API server and its authorized IP ranges";

impl Rule for RunCommandEnabled {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let Some(a) = res.attr("run_command_enabled") else {
            cx.report(
                &res.file,
                res.span(),
                format!("run command is left on (`run_command_enabled` defaults to true): {WHY}"),
                HELP,
            );
            return;
        };
        let message = match a.value.as_bool() {
            Some(false) => return,
            Some(true) => format!(
                "run command is on ({}): {WHY}",
                shown_written(res, &a, "run_command_enabled")
            ),
            None if a.value.is_absent() => format!(
                "run command is left at its default, on ({}): {WHY}",
                shown_written(res, &a, "run_command_enabled")
            ),
            None => return,
        };
        report_attr(cx, &a, message, HELP);
    }
}
