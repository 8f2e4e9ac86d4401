//! AKS202 api-server-open-to-internet: the authorized IP ranges of a public API server
//! (`api_server_access_profile.authorized_ip_ranges`, v3 `api_server_authorized_ip_ranges`)
//! contain an entry that admits every address: `0.0.0.0/0` (any `/0`) or `*`. Ranges are
//! ignored by a private cluster, so the rule is silent when `private_cluster_enabled` is `true`
//! or unknown. One finding per cluster, anchored at the first list holding such an entry and
//! naming every one.

use super::api_server::{is_open, private, sources};
use crate::declare_rule;
use crate::rules::azurerm::{Setting, report_attr};
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Attr, Resource};

declare_rule!(ApiServerOpenToInternet, "AKS202", [Azure(Cluster)]);

const HELP: &str = "replace the catch-all entry with the CIDRs that need the API server (offices, VPN, CI runners' egress IPs), or make the cluster private with `private_cluster_enabled = true`";

impl Rule for ApiServerOpenToInternet {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        if private(res).0 != Some(false) {
            return;
        }
        let mut anchor: Option<Attr> = None;
        let mut open: Vec<String> = Vec::new();
        for s in sources(res) {
            let Setting::Known(a) = &s.setting else {
                continue;
            };
            let Some(list) = a.value.as_list() else {
                continue;
            };
            let found: Vec<String> = list
                .iter()
                .filter_map(|e| e.value.as_str())
                .filter(|v| is_open(v))
                .map(|v| format!("`\"{v}\"`"))
                .collect();
            if found.is_empty() {
                continue;
            }
            if anchor.as_ref().is_none_or(|f| a.span.start < f.span.start) {
                anchor = Some(a.clone());
            }
            open.push(format!("`{}` contains {}", s.path, found.join(", ")));
        }
        let Some(first) = anchor else {
            return;
        };
        let message = format!(
            "{}: the public API server accepts connections from the whole internet, as if no ranges were set",
            open.join(" and ")
        );
        report_attr(cx, &first, message, HELP);
    }
}
