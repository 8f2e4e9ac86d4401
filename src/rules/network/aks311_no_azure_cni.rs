//! AKS311 no-azure-cni: a cluster whose `network_profile.network_plugin` is `kubenet` (or a value
//! the provider does not accept). `none` (bring your own CNI) is silent, and so is a
//! `network_profile` without a known `network_plugin` (the attribute is required there).
//!
//! Without a `network_profile` block the provider sends no network profile and AKS picks the
//! plugin by Kubernetes version: kubenet before 1.30, Azure CNI Overlay from 1.30 on
//! (Azure/azure-rest-api-specs#30845; the provider docs of v3–v5 still say kubenet). The rule fires
//! there only when `kubernetes_version` is known and older than 1.30; absent (AKS's current
//! default version) or unknown is silent.

use crate::declare_rule;
use crate::rules::azurerm::{Setting, is, network_profile, report_attr, shown_written};
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Present, Resource};

declare_rule!(NoAzureCni, "AKS311", [Azure(Cluster)]);

const HELP: &str = "use Azure CNI: `network_plugin = \"azure\"` with `network_plugin_mode = \"overlay\"` in `network_profile` (overlay keeps pod addresses out of the virtual network); an existing cluster can be migrated in place with `az aks update --network-plugin azure --network-plugin-mode overlay`";

const WHY: &str = "kubenet cannot run Azure Network Policy Manager, routes pod traffic through a route table that AKS edits, and is retired on 31 March 2028";

impl Rule for NoAzureCni {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let profile = match network_profile(res) {
            Present::Missing => {
                // AKS chooses by Kubernetes version: kubenet only before 1.30.
                if let Setting::Known(v) = Setting::of(res.attr("kubernetes_version"))
                    && before_1_30(v.value.as_str())
                {
                    cx.report(
                        &res.file,
                        res.span(),
                        format!(
                            "the cluster has no `network_profile` block and runs Kubernetes before 1.30 ({}), so AKS gives it the kubenet network plugin: {WHY}",
                            shown_written(res, &v, "kubernetes_version")
                        ),
                        HELP,
                    );
                }
                return;
            }
            // One that may be there (`dynamic`, unknown `for_each`): its content is judged.
            Present::Block(b) | Present::Unknown(b) => b,
        };
        let Setting::Known(a) = Setting::of(profile.attr("network_plugin")) else {
            return;
        };
        if a.value.as_str().is_none() || is(&a, "azure") || is(&a, "none") {
            return;
        }
        let message = if is(&a, "kubenet") {
            format!(
                "the cluster uses kubenet ({}): {WHY}",
                shown_written(res, &a, "network_plugin")
            )
        } else {
            format!(
                "{} is not a network plugin the provider accepts (`azure`, `kubenet`, `none`), so the cluster does not get Azure CNI",
                shown_written(res, &a, "network_plugin")
            )
        };
        report_attr(cx, &a, message, HELP);
    }
}

/// Whether a `kubernetes_version` (`1.29`, `1.29.7`) is known to be older than 1.30.
fn before_1_30(version: Option<&str>) -> bool {
    let Some(v) = version else { return false };
    let mut parts = v.trim().trim_start_matches('v').split('.');
    let major = parts.next().and_then(|p| p.parse::<u32>().ok());
    let minor = parts.next().and_then(|p| p.parse::<u32>().ok());
    matches!((major, minor), (Some(1), Some(m)) if m < 30)
}

#[cfg(test)]
mod tests {
    use super::before_1_30;

    #[test]
    fn versions() {
        assert!(before_1_30(Some("1.29")));
        assert!(before_1_30(Some("1.27.9")));
        assert!(!before_1_30(Some("1.30")));
        assert!(!before_1_30(Some("1.33.2")));
        assert!(!before_1_30(Some("2.0")));
        assert!(!before_1_30(Some("latest")));
        assert!(!before_1_30(Some("1")));
        assert!(!before_1_30(None));
    }
}
