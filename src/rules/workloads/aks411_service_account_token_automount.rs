//! AKS411 service-account-token-automount: the pod spec does not set
//! `automountServiceAccountToken: false` (judged on the pod's own setting; the ServiceAccount's is
//! not read yet).

use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};

declare_rule!(ServiceAccountTokenAutomount, "AKS411", [Workloads]);

const HELP: &str = "add `automountServiceAccountToken: false` to the pod spec; a pod that really calls the Kubernetes API keeps the token, with a narrow Role for its ServiceAccount and a suppression that says why (Azure Workload Identity does not need this token)";

impl Rule for ServiceAccountTokenAutomount {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let pod = &w.pod;
        let doc = pod.doc;
        // `serviceAccount` is the deprecated alias of `serviceAccountName`.
        let sa = ["serviceAccountName", "serviceAccount"]
            .iter()
            .find_map(|k| {
                pod.entry(k)
                    .and_then(|e| doc.str(e.value))
                    .filter(|s| !s.is_empty())
            })
            .unwrap_or("default");
        let token = format!(
            "the Kubernetes API token of ServiceAccount `{sa}` is mounted into every container"
        );
        match pod.entry("automountServiceAccountToken") {
            None => {
                cx.report(
                    pod.anchor(),
                    format!(
                        "the pod spec does not set `automountServiceAccountToken: false`: {token}"
                    ),
                    HELP,
                );
            }
            Some(e) => {
                let why = match doc.bool(e.value) {
                    Some(false) => return,
                    Some(true) => "`automountServiceAccountToken` is true".to_string(),
                    None if doc.is_null(e.value) => {
                        "`automountServiceAccountToken` is empty".to_string()
                    }
                    None => match doc.str(e.value) {
                        Some(s) => format!(
                            "`automountServiceAccountToken` is the string `\"{s}\"`, not a boolean (the API server rejects it; write `false` unquoted)"
                        ),
                        None => "`automountServiceAccountToken` is not a boolean".to_string(),
                    },
                };
                cx.report(doc.entry_span(e), format!("{why}: {token}"), HELP);
            }
        }
    }
}
