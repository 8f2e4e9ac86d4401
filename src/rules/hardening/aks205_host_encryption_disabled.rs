//! AKS205 host-encryption-disabled: a node pool (a cluster's `default_node_pool`, or an
//! `azurerm_kubernetes_cluster_node_pool`) whose `enable_host_encryption` (v3) /
//! `host_encryption_enabled` (v4+) is not true. The provider default is false in every major.

use crate::declare_rule;
use crate::rules::azurerm::{pools, report_attr, shown_written, spelling};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(
    HostEncryptionDisabled,
    "AKS205",
    [Azure(Cluster), Azure(NodePool)]
);

const V3: &str = "enable_host_encryption";
const V4: &str = "host_encryption_enabled";

impl Rule for HostEncryptionDisabled {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        for pool in pools(res, cx.address_prefix) {
            let spelled = spelling(cx.majors, V3, V4);
            let help = format!(
                "set {} in `{}` (the subscription needs the `Microsoft.Compute/EncryptionAtHost` feature registered, and the VM size must support it)",
                spelled.assign("true"),
                pool.holder
            );
            let settings = pool.spellings(&[V3, V4]);
            // A value that is true, or that cannot be known, silences the rule.
            if settings
                .iter()
                .any(|(_, s)| s.bool_or(false) != Some(false))
            {
                continue;
            }
            let Some((name, first)) = settings.iter().find_map(|(n, s)| Some((*n, s.attr()?)))
            else {
                cx.report(
                    &pool.file,
                    pool.anchor,
                    format!(
                        "{} does not enable encryption at host, so its OS disk cache and temporary disk are not encrypted (`{}` defaults to false)",
                        pool.describe, spelled.name
                    ),
                    help,
                );
                continue;
            };
            let what = shown_written(res, first, name);
            let message = if first.value.is_absent() {
                format!(
                    "{} leaves encryption at host at its default, off ({what}), so its OS disk cache and temporary disk are not encrypted",
                    pool.describe
                )
            } else {
                format!(
                    "{} disables encryption at host ({what}), so its OS disk cache and temporary disk are not encrypted",
                    pool.describe
                )
            };
            report_attr(cx, first, message, &help);
        }
    }
}
