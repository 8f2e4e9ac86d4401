//! AKS411 service-account-token-automount: the pod gets the Kubernetes API token of its
//! ServiceAccount: its own `automountServiceAccountToken` when set (an explicit `true` wins, as in
//! Kubernetes), else its ServiceAccount's when that ServiceAccount is scanned; silent when a scanned
//! RoleBinding or ClusterRoleBinding binds the ServiceAccount (the pod calls the API and needs the
//! token). A value that is not a boolean (`"false"` quoted) is reported in the file alone: the
//! API server rejects it whatever the ServiceAccount says.

use crate::declare_rule;
use crate::index::Index;
use crate::k8s::Workload;
use crate::rules::{IndexCtx, K8sCtx, Rule};

declare_rule!(ServiceAccountTokenAutomount, "AKS411", [Workloads, Index]);

const HELP: &str = "add `automountServiceAccountToken: false` to the pod spec (or to its ServiceAccount, for every pod that uses it); a pod that really calls the Kubernetes API keeps the token, with a narrow Role bound to its own ServiceAccount (Azure Workload Identity does not need this token)";

impl Rule for ServiceAccountTokenAutomount {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let doc = w.pod.doc;
        let Some(e) = w.pod.entry("automountServiceAccountToken") else {
            return;
        };
        if doc.bool(e.value).is_some() || doc.is_null(e.value) {
            return; // a boolean, or unset: judged with the ServiceAccount
        }
        let what = match doc.str(e.value) {
            Some(s) => format!(
                "`automountServiceAccountToken` is the string `\"{s}\"`, not a boolean (the API server rejects it; write `false` unquoted)"
            ),
            None => "`automountServiceAccountToken` is not a boolean".to_string(),
        };
        cx.report(doc.entry_span(e), what, HELP);
    }

    fn check_index(&self, index: &Index, cx: &mut IndexCtx<'_>) {
        for (o, w) in index.workloads() {
            let sa = &w.service_account;
            // The finding rests on the workload and its ServiceAccount (which may be in another
            // namespace): when neither can be reported, there is nothing to say.
            let reported = index.in_report_scope(o) || index.account_may_be_reported(o, sa);
            if w.automount_invalid || !reported || index.is_bound(&o.namespace, sa) {
                continue;
            }
            let account = index.service_account_of(o, sa);
            let token = format!(
                "the Kubernetes API token of ServiceAccount `{sa}` is mounted into every container, and no scanned binding gives that ServiceAccount a reason to call the API"
            );
            let also: Vec<_> = account.iter().map(|(a, _)| *a).collect();
            match (&w.automount, account) {
                (Some((false, _)), _) => {}
                (Some((true, at)), _) => {
                    cx.report(
                        o,
                        at,
                        &also,
                        format!("`automountServiceAccountToken` is true: {token}"),
                        HELP,
                    );
                }
                (None, Some((_, a))) if a.automount == Some(false) => {}
                (None, Some((account, _))) => {
                    cx.report(
                        o,
                        &w.spec_anchor,
                        &also,
                        format!(
                            "neither the pod spec nor its ServiceAccount `{}/{sa}` sets `automountServiceAccountToken: false`: {token}",
                            account.namespace
                        ),
                        HELP,
                    );
                }
                (None, None) => {
                    cx.report(
                        o,
                        &w.spec_anchor,
                        &[],
                        format!(
                            "the pod spec does not set `automountServiceAccountToken: false`: {token}"
                        ),
                        HELP,
                    );
                }
            }
        }
    }
}
