//! AKS204 no-node-os-upgrade-channel: `node_os_channel_upgrade` (v3) / `node_os_upgrade_channel`
//! (v4, v5) set to `None` or `Unmanaged`. Absent or null is silent in every major: v4 and v5
//! default to `NodeImage`, and v3 sends nothing, so AKS applies its own default (`NodeImage` for
//! clusters created with API 2023-06-01 and later); which one applies to an existing v3 cluster
//! cannot be known offline. Both spellings are read whatever the provider version. Anchored at
//! the attribute.

use crate::declare_rule;
use crate::rules::azurerm::{Setting, report_attr, shown};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(NoNodeOsUpgradeChannel, "AKS204", [Azure(Cluster)]);

const NAMES: [&str; 2] = ["node_os_channel_upgrade", "node_os_upgrade_channel"];

impl Rule for NoNodeOsUpgradeChannel {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        for name in NAMES {
            let Setting::Known(a) = Setting::of(res.attr(name)) else {
                continue;
            };
            let Some(v) = a.value.as_str() else { continue };
            let consequence = if v.eq_ignore_ascii_case("none") {
                "turns node OS updates off: nodes keep the kernel and packages they were created with until someone upgrades the node image by hand"
            } else if v.eq_ignore_ascii_case("unmanaged") {
                "leaves updates to the OS itself; Ubuntu installs security patches nightly but nothing reboots the nodes to load a patched kernel, and Azure Linux and Windows nodes get no automatic patches"
            } else {
                continue;
            };
            let message = format!("{} {consequence}", shown(name, &a));
            let help = format!(
                "set `{name} = \"NodeImage\"` (a weekly patched node image, rolled out node by node) or `\"SecurityPatch\"` (security patches applied to the running image), with a `maintenance_window_node_os` block for when it may run"
            );
            report_attr(cx, &a, message, &help);
        }
    }
}
