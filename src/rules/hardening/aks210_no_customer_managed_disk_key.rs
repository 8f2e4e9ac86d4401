//! AKS210 no-customer-managed-disk-key: a cluster without `disk_encryption_set_id`, so node OS
//! disks and Azure Disk volumes are encrypted with platform-managed keys only.

use crate::declare_rule;
use crate::rules::azurerm::{Setting, report_attr, shown_written};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(NoCustomerManagedDiskKey, "AKS210", [Azure(Cluster)]);

const HELP: &str = "set `disk_encryption_set_id = azurerm_disk_encryption_set.<name>.id` on the cluster: a disk encryption set whose key lives in your Key Vault (forces a new cluster)";

const WHY: &str = "the node disks are encrypted only with platform-managed keys, which you can neither rotate on your own schedule nor revoke";

impl Rule for NoCustomerManagedDiskKey {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        match Setting::of(res.attr("disk_encryption_set_id")) {
            Setting::NotWritten => {
                cx.report(
                    &res.file,
                    res.span(),
                    format!("the cluster sets no `disk_encryption_set_id`: {WHY}"),
                    HELP,
                );
            }
            Setting::Null(a) => {
                report_attr(
                    cx,
                    &a,
                    format!(
                        "the cluster sets no disk encryption set ({}): {WHY}",
                        shown_written(res, &a, "disk_encryption_set_id")
                    ),
                    HELP,
                );
            }
            Setting::Known(_) | Setting::Unknown => {}
        }
    }
}
