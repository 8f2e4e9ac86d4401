//! AKS203 no-auto-upgrade-channel: an `azurerm_kubernetes_cluster` without an automatic
//! Kubernetes upgrade channel: `automatic_channel_upgrade` (v3) / `automatic_upgrade_channel`
//! (v4, v5) absent, null, `none` (omitting it means `none` in every major) or `node-image`
//! (which upgrades node images, never the Kubernetes version). Both spellings are read whatever
//! the provider version. Anchored at the attribute, or at the resource header when
//! it is not written.

use crate::declare_rule;
use crate::rules::azurerm::{Setting, is, report_attr, shown, spelling};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(NoAutoUpgradeChannel, "AKS203", [Azure(Cluster)]);

const NAMES: [&str; 2] = ["automatic_channel_upgrade", "automatic_upgrade_channel"];

const CONSEQUENCE: &str = "Kubernetes patch releases (CVE fixes) are applied only when someone upgrades by hand, and clusters drift out of support";

impl Rule for NoAutoUpgradeChannel {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let help = |name: &str, alt: Option<&str>| {
            let alt = alt.map_or(String::new(), |v3| format!(" (`{v3}` on azurerm v3)"));
            format!(
                "set `{name} = \"patch\"`{alt} (or `\"stable\"`) with a `maintenance_window_auto_upgrade` block for when upgrades may run; give `kubernetes_version` as a minor version only (`\"1.30\"`) so the channel can apply patches"
            )
        };
        // Judge what is written; several spellings at once (not valid in one major): any
        // channel or unknown value silences.
        let mut offending = Vec::new();
        for name in NAMES {
            let (a, what) = match Setting::of(res.attr(name)) {
                Setting::NotWritten => continue,
                Setting::Null(a) => (a, "leaves the channel at its default `none`"),
                Setting::Known(a) if is(&a, "none") => {
                    (a, "turns automatic Kubernetes upgrades off")
                }
                Setting::Known(a) if is(&a, "node-image") => (
                    a,
                    "upgrades node images only, never the Kubernetes version of the control plane and nodes",
                ),
                Setting::Known(_) | Setting::Unknown => return,
            };
            offending.push((name, a, what));
        }
        // Nothing offending means nothing written (any other value returned above): `none`.
        let Some((name, a, what)) = offending.first() else {
            let s = spelling(cx.majors, NAMES[0], NAMES[1]);
            let message = format!(
                "the cluster sets no automatic upgrade channel (`{}` is not set, which means `none`): {CONSEQUENCE}",
                s.name
            );
            cx.report(&res.file, res.span(), message, help(s.name, s.v3_too));
            return;
        };
        let message = format!("{} {what}: {CONSEQUENCE}", shown(name, a));
        report_attr(cx, a, message, &help(name, None));
    }
}
