//! AKS701 no-control-plane-audit-logs: no diagnostic setting in the scanned configuration sends
//! the cluster's `kube-audit` or `kube-audit-admin` log (a category, or the `audit`/`allLogs`
//! group). Searches every module instance of the run through the [`TfIndex`]; a setting that may
//! target the cluster and may send audit logs (unknown target, count or categories; a module
//! call the linter cannot read) silences it. `[rules.AKS701] managed-elsewhere = true` silences
//! the "none found" case only: settings of the cluster that exist are still judged.
//!
//! [`TfIndex`]: crate::terraform::TfIndex

use super::ManagedElsewhere;
use crate::declare_rule;

use crate::rules::{Rule, TfCtx};
use crate::terraform::index::{DiagnosticSetting, Relation};
use crate::terraform::{Resource, TfIndex};

declare_rule!(
    NoControlPlaneAuditLogs,
    "AKS701",
    [Azure(Cluster)],
    params = ManagedElsewhere
);

/// The control-plane audit categories, and the groups that hold them.
pub const AUDIT: &[&str] = &["kube-audit", "kube-audit-admin"];
pub const AUDIT_GROUPS: &[&str] = &["audit", "allLogs"];

impl Rule for NoControlPlaneAuditLogs {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let Some(key) = TfIndex::cluster(res, cx.address_prefix) else {
            return;
        };
        let (address, file, span) = (res.address.clone(), res.file.clone(), res.span());
        cx.with_index(move |index, cx| {
            let mut own: Vec<&DiagnosticSetting> = Vec::new();
            for (d, rel) in index.settings_of(&key) {
                match (rel, d.sends_any(AUDIT, AUDIT_GROUPS)) {
                    (Relation::Targets, Some(false)) => own.push(d),
                    (Relation::MayTarget, Some(false)) => {}
                    // Sends audit logs, or may: nothing to report.
                    (_, Some(true) | None) => return,
                }
            }
            let Some(first) = own.first() else {
                if cx.params::<ManagedElsewhere>().managed_elsewhere {
                    return;
                }
                cx.report(
                    &file,
                    span,
                    "no diagnostic setting in the scanned configuration sends this cluster's \
                     control-plane audit log (`kube-audit` or `kube-audit-admin`)",
                    format!(
                        "add `resource \"azurerm_monitor_diagnostic_setting\" \"aks\" {{ name = \"aks-audit\", \
                         target_resource_id = {address}.id, log_analytics_workspace_id = …, \
                         enabled_log {{ category = \"kube-audit-admin\" }} }}`; if diagnostic settings \
                         are managed outside this configuration, set `managed-elsewhere = true` under \
                         `[rules.AKS701]` in akslint.toml"
                    ),
                );
                return;
            };
            let message = if own.len() == 1 {
                format!(
                    "{} is this cluster's only diagnostic setting in the scanned configuration, and it \
                     sends no control-plane audit log (`kube-audit` or `kube-audit-admin`)",
                    first.address
                )
            } else {
                let names: Vec<&str> = own.iter().map(|d| d.address.as_str()).collect();
                format!(
                    "none of this cluster's diagnostic settings in the scanned configuration ({}) \
                     sends its control-plane audit log (`kube-audit` or `kube-audit-admin`)",
                    names.join(", ")
                )
            };
            cx.report(
                &first.file,
                first.span,
                message,
                "add `enabled_log { category = \"kube-audit-admin\" }` (or `category = \"kube-audit\"`, \
                 which also records reads, or `category_group = \"audit\"`) to the diagnostic setting",
            );
        });
    }
}
