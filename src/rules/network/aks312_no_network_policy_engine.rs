//! AKS312 no-network-policy-engine: a cluster without a network-policy engine:
//! `network_profile.network_policy` absent (or not `azure`, `calico`, `cilium`), or no
//! `network_profile` at all. Silent for `network_plugin = "none"` (bring your own CNI, which
//! brings its own enforcement), and for the Cilium data plane (`network_data_plane` v4+ /
//! `ebpf_data_plane` v3 = `cilium`), which enforces NetworkPolicies itself.

use crate::declare_rule;
use crate::rules::azurerm::{
    Setting, may_be_engine, may_enforce_otherwise, network_profile, report_attr, shown_written,
};
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Present, Resource};

declare_rule!(NoNetworkPolicyEngine, "AKS312", [Azure(Cluster)]);

const HELP: &str = "set a network-policy engine in `network_profile`: `network_policy = \"cilium\"` with `network_data_plane = \"cilium\"` (Azure CNI powered by Cilium), `network_policy = \"azure\"` (Azure CNI only) or `network_policy = \"calico\"`";

const HELP_BLOCK: &str = "add a `network_profile` block with `network_plugin = \"azure\"`, `network_plugin_mode = \"overlay\"` and a network-policy engine: `network_policy = \"cilium\"` with `network_data_plane = \"cilium\"` (Azure CNI powered by Cilium), `network_policy = \"azure\"` or `network_policy = \"calico\"`";

const WHY: &str = "Kubernetes NetworkPolicies are accepted by the API server but never enforced, so every pod can reach every other pod";

impl Rule for NoNetworkPolicyEngine {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let profile = match network_profile(res) {
            Present::Missing => {
                cx.report(
                    &res.file,
                    res.span(),
                    format!(
                        "the cluster has no `network_profile` block, so it runs without a network-policy engine: {WHY}"
                    ),
                    HELP_BLOCK,
                );
                return;
            }
            // One that may be there (`dynamic`, unknown `for_each`): its content is judged.
            Present::Block(b) | Present::Unknown(b) => b,
        };
        if may_enforce_otherwise(&profile) {
            return;
        }
        match Setting::of(profile.attr("network_policy")) {
            Setting::NotWritten => {
                cx.report(
                    profile.file(),
                    profile.span(),
                    format!("`network_profile` sets no `network_policy`, so the cluster runs without a network-policy engine: {WHY}"),
                    HELP,
                );
            }
            Setting::Null(a) => {
                report_attr(
                    cx,
                    &a,
                    format!(
                        "the cluster runs without a network-policy engine ({}): {WHY}",
                        shown_written(res, &a, "network_policy")
                    ),
                    HELP,
                );
            }
            Setting::Known(a) if !may_be_engine(&a) => {
                report_attr(
                    cx,
                    &a,
                    format!(
                        "{} is not a network-policy engine (`azure`, `calico`, `cilium`): {WHY}",
                        shown_written(res, &a, "network_policy")
                    ),
                    HELP,
                );
            }
            Setting::Known(_) | Setting::Unknown => {}
        }
    }
}
