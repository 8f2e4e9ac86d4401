//! AKS201 public-api-server: an `azurerm_kubernetes_cluster` whose `private_cluster_enabled` is
//! not `true` and whose public API server has no authorized IP ranges (neither
//! `api_server_access_profile.authorized_ip_ranges` nor v3's `api_server_authorized_ip_ranges`
//! holds a range). A private cluster passes without ranges. Silent when privacy or any range
//! list is unknown; a `dynamic "api_server_access_profile"` with an unknown `for_each` is read
//! as the representative instance's block (the ranges it writes count, and so does their
//! absence). Ranges that admit everything are AKS202's. Anchored at `private_cluster_enabled`
//! when it is written, else at the resource header.

use super::api_server::{State, private, sources};
use crate::declare_rule;
use crate::rules::azurerm::{Setting, report_attr, shown};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(PublicApiServer, "AKS201", [Azure(Cluster)]);

const HELP: &str = "make the API server private with `private_cluster_enabled = true` (forces a new cluster; reach it from the VNet, a jump host or `az aks command invoke`), or restrict the public endpoint to your networks: `api_server_access_profile { authorized_ip_ranges = [\"<office, VPN and CI egress CIDRs>\"] }`";

impl Rule for PublicApiServer {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let (is_private, privacy) = private(res);
        if is_private != Some(false) {
            return;
        }
        let sources = sources(res);
        if sources.iter().any(|s| s.state() != State::NoRanges) {
            return;
        }
        let public = match privacy.attr() {
            Some(a) => shown("private_cluster_enabled", a),
            None => "`private_cluster_enabled` is not set".to_string(),
        };
        let empty: Vec<String> = sources
            .iter()
            .filter_map(|s| {
                let what = match s.setting {
                    Setting::Null(_) => "null",
                    Setting::Known(_) => "empty",
                    Setting::NotWritten | Setting::Unknown => return None,
                };
                Some(format!("`{}` is {what}", s.path))
            })
            .collect();
        let ranges = if empty.is_empty() {
            "no authorized IP ranges are set".to_string()
        } else {
            empty.join(" and ")
        };
        let message = format!(
            "{public} and {ranges}: the API server is reachable from the whole internet, where anyone can try stolen credentials or exploit a vulnerability"
        );
        match privacy.attr() {
            Some(a) => {
                report_attr(cx, a, message, HELP);
            }
            None => {
                cx.report(&res.file, res.span(), message, HELP);
            }
        }
    }
}
