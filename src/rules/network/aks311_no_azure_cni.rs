//! AKS311 no-azure-cni: a cluster whose `network_profile.network_plugin` is `kubenet` (or a value
//! the provider does not accept), or that has no `network_profile` block (the provider documents
//! kubenet as the default in v3, v4 and v5). `none` (bring your own CNI) is silent, and so is a
//! `network_profile` without a known `network_plugin` (the attribute is required there).

use super::profile::{Profile, is, network_profile, shown};
use crate::declare_rule;
use crate::rules::{Rule, RuleMeta, TfCtx};
use crate::terraform::Resource;

declare_rule!(NoAzureCni, "AKS311");

const HELP: &str = "use Azure CNI: `network_profile { network_plugin = \"azure\"  network_plugin_mode = \"overlay\" }` (overlay keeps pod IPs out of the virtual network; forces a new cluster)";

const WHY: &str = "kubenet cannot run Azure Network Policy Manager, routes pod traffic through a route table that AKS edits, and is retired on 31 March 2028";

impl Rule for NoAzureCni {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let profile = match network_profile(res) {
            None | Some(Profile::Unknown) => return,
            Some(Profile::Missing) => {
                cx.report(
                    &res.file,
                    res.span(),
                    format!(
                        "the cluster has no `network_profile` block, so it gets the default network plugin, kubenet: {WHY}"
                    ),
                    HELP,
                );
                return;
            }
            Some(Profile::Block(b)) => b,
        };
        let Some(a) = profile.attr("network_plugin") else {
            return;
        };
        if a.value.as_str().is_none() || is(&a, "azure") || is(&a, "none") {
            return;
        }
        let message = if is(&a, "kubenet") {
            format!(
                "the cluster uses kubenet ({}): {WHY}",
                shown(&a, "network_plugin")
            )
        } else {
            format!(
                "{} is not a network plugin the provider accepts (`azure`, `kubenet`, `none`), so the cluster does not get Azure CNI",
                shown(&a, "network_plugin")
            )
        };
        cx.report(&a.file, a.key_span, message, HELP);
    }
}
