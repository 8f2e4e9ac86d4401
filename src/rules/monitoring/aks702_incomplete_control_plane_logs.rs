//! AKS702 incomplete-control-plane-logs: the cluster has diagnostic settings in the scanned
//! configuration, but none sends `kube-apiserver` or `kube-controller-manager` (the `allLogs`
//! group holds both). A cluster without any setting is AKS701's case. A setting that may target
//! the cluster and may send the category silences it. `[rules.AKS702] managed-elsewhere = true`
//! says other settings of the cluster live outside the scan: it silences the rule.

use super::ManagedElsewhere;
use crate::declare_rule;

use crate::rules::{Rule, TfCtx};
use crate::terraform::index::{DiagnosticSetting, Relation};
use crate::terraform::{Resource, TfIndex};

declare_rule!(
    IncompleteControlPlaneLogs,
    "AKS702",
    [Azure(Cluster)],
    params = ManagedElsewhere
);

const NEEDED: [&str; 2] = ["kube-apiserver", "kube-controller-manager"];
const GROUPS: &[&str] = &["allLogs"];

impl Rule for IncompleteControlPlaneLogs {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        if cx.params::<ManagedElsewhere>().managed_elsewhere {
            return;
        }
        let Some(key) = TfIndex::cluster(res, cx.address_prefix) else {
            return;
        };
        cx.with_index(move |index, cx| {
            let settings: Vec<(&DiagnosticSetting, Relation)> = index.settings_of(&key).collect();
            let own: Vec<&DiagnosticSetting> = settings
                .iter()
                .filter(|(_, r)| *r == Relation::Targets)
                .map(|(d, _)| *d)
                .collect();
            let Some(first) = own.first() else {
                return;
            };
            // A category is missing when every setting that may target the cluster certainly does
            // not send it.
            let missing: Vec<&str> = NEEDED
                .into_iter()
                .filter(|c| {
                    settings
                        .iter()
                        .all(|(d, _)| d.sends_any(&[c], GROUPS) == Some(false))
                })
                .collect();
            let which = match missing.as_slice() {
                [] => return,
                [one] => format!("`{one}`"),
                _ => "`kube-apiserver` or `kube-controller-manager`".to_string(),
            };
            let message = if own.len() == 1 {
                format!(
                    "{}, this cluster's only diagnostic setting in the scanned configuration, does not \
                     send {which} logs",
                    first.address
                )
            } else {
                let names: Vec<&str> = own.iter().map(|d| d.address.as_str()).collect();
                format!(
                    "none of this cluster's diagnostic settings in the scanned configuration ({}) \
                     sends {which} logs",
                    names.join(", ")
                )
            };
            let blocks: Vec<String> = missing
                .iter()
                .map(|c| format!("`enabled_log {{ category = \"{c}\" }}`"))
                .collect();
            cx.report(
                &first.file,
                first.span,
                message,
                format!("add {} to the diagnostic setting", blocks.join(" and ")),
            );
        });
    }
}
