//! AKS116 workload-identity-mismatch: a pod labelled `azure.workload.identity/use: "true"` whose
//! ServiceAccount has no `azure.workload.identity/client-id` annotation (error), or is not among
//! the scanned manifests (warning: it may be defined elsewhere). At the label.

use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::index::Index;
use crate::index::facts::CLIENT_ID_ANNOTATION;
use crate::rules::{IndexCtx, Rule};

declare_rule!(WorkloadIdentityMismatch, "AKS116", [Index]);

impl Rule for WorkloadIdentityMismatch {
    fn check_index(&self, index: &Index, cx: &mut IndexCtx<'_>) {
        for (o, w) in index.workloads() {
            let Some(label) = &w.workload_identity else {
                continue;
            };
            let (ns, sa) = (&o.namespace, &w.service_account);
            let help = format!(
                "annotate the ServiceAccount with the client ID of the user-assigned managed identity the pod should use: `metadata: {{name: {sa}, namespace: {ns}, annotations: {{{CLIENT_ID_ANNOTATION}: \"<client ID>\"}}}}`, and federate that identity with `system:serviceaccount:{ns}:{sa}`"
            );
            match index.service_account_of(o, sa) {
                Some((_, a)) if a.client_id.is_some() => {}
                Some((account, _)) => {
                    cx.report(
                        o,
                        label,
                        &[account],
                        format!(
                            "{} asks for Workload Identity (`azure.workload.identity/use: \"true\"`), but its ServiceAccount `{}/{sa}` has no `{CLIENT_ID_ANNOTATION}` annotation: the webhook injects no Entra ID token configuration and the Azure SDKs cannot authenticate",
                            o.label, account.namespace
                        ),
                        help,
                    );
                }
                None => {
                    cx.report(
                        o,
                        label,
                        &[],
                        format!(
                            "{} asks for Workload Identity (`azure.workload.identity/use: \"true\"`), but its ServiceAccount `{ns}/{sa}` is not among the scanned manifests: make sure it exists with a `{CLIENT_ID_ANNOTATION}` annotation",
                            o.label
                        ),
                        help,
                    )
                    .severity = Severity::Warning;
                }
            }
        }
    }
}
