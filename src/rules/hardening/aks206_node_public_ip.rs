//! AKS206 node-public-ip: a node pool (a cluster's `default_node_pool`, or an
//! `azurerm_kubernetes_cluster_node_pool`) with `enable_node_public_ip` (v3) /
//! `node_public_ip_enabled` (v4+) true. Absent is fine: the default is false in every major.

use crate::declare_rule;
use crate::rules::azurerm::{pools, report_attr, shown_written, spelling};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(NodePublicIp, "AKS206", [Azure(Cluster), Azure(NodePool)]);

const V3: &str = "enable_node_public_ip";
const V4: &str = "node_public_ip_enabled";

impl Rule for NodePublicIp {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        for pool in pools(res, cx.address_prefix) {
            for (name, setting) in pool.spellings(&[V3, V4]) {
                let Some(a) = setting.written_as(true) else {
                    continue;
                };
                let help = format!(
                    "remove `{name}` (or set {}); reach the nodes through a bastion or the cluster's private network, and send egress through a NAT gateway or firewall",
                    spelling(cx.majors, V3, V4).assign("false")
                );
                report_attr(
                    cx,
                    &a,
                    format!(
                        "{} gives every node its own public IP address ({}): the nodes are directly addressable from the internet, guarded only by network security group rules",
                        pool.describe,
                        shown_written(res, &a, name)
                    ),
                    &help,
                );
                break;
            }
        }
    }
}
