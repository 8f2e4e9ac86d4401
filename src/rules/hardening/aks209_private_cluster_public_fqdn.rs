//! AKS209 private-cluster-public-fqdn: a private cluster (`private_cluster_enabled = true`) with
//! `private_cluster_public_fqdn_enabled = true`. On a public cluster the flag changes nothing
//! (its API server is public anyway: AKS201's subject), so the rule needs the cluster to be
//! known private.

use crate::declare_rule;
use crate::rules::azurerm::{Setting, report_attr, shown_written};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(PrivateClusterPublicFqdn, "AKS209", [Azure(Cluster)]);

const NAME: &str = "private_cluster_public_fqdn_enabled";

impl Rule for PrivateClusterPublicFqdn {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let Some(a) = Setting::of(res.attr(NAME)).written_as(true) else {
            return;
        };
        if super::api_server::private(res).0 != Some(true) {
            return;
        }
        report_attr(
            cx,
            &a,
            format!(
                "the private cluster publishes its API server's name in public DNS ({}): anyone on the internet can resolve it to the control plane's private IP address",
                shown_written(res, &a, NAME)
            ),
            "remove `private_cluster_public_fqdn_enabled` (it defaults to false) and resolve the API server through the private DNS zone (`private_dns_zone_id`) linked to the networks that need it",
        );
    }
}
