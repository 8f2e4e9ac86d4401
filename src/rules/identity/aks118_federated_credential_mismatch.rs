//! AKS118 federated-credential-mismatch: the two halves of Workload Identity that live in
//! different layers do not meet. A ServiceAccount annotated `azure.workload.identity/client-id`
//! that no scanned `azurerm_federated_identity_credential` names as its subject
//! (`system:serviceaccount:<namespace>:<name>`) — judged only when the project's Terraform holds
//! federated credentials at all, and silent while any subject cannot be known — at the
//! annotation; and a ServiceAccount that a credential's subject names but that the manifests
//! define without the annotation, at the ServiceAccount. A ServiceAccount that names no namespace
//! goes wherever it is applied: a subject of its name in any namespace counts.

use crate::declare_rule;
use crate::index::facts::CLIENT_ID_ANNOTATION;
use crate::index::terraform::CredentialFacts;
use crate::index::{Index, What};
use crate::rules::{IndexCtx, Rule};

declare_rule!(FederatedCredentialMismatch, "AKS118", [Index]);

impl Rule for FederatedCredentialMismatch {
    fn check_index(&self, index: &Index, cx: &mut IndexCtx<'_>) {
        let credentials = &index.terraform().credentials;
        if credentials.is_empty() {
            return;
        }
        let all_known = credentials.iter().all(|c| c.subject.is_some());
        for o in index.objects() {
            let What::ServiceAccount(a) = &o.what else {
                continue;
            };
            let names_it = |c: &&CredentialFacts| {
                c.service_account().is_some_and(|(ns, name)| {
                    name == o.name && (ns == o.namespace || !o.namespace_written)
                })
            };
            let naming: Vec<&CredentialFacts> = credentials.iter().filter(names_it).collect();
            match (&a.client_id, naming.first()) {
                (Some(annotation), None) if all_known => {
                    cx.report(
                        o,
                        annotation,
                        &[],
                        format!(
                            "ServiceAccount `{}/{}` carries a Workload Identity client ID, but no scanned federated identity credential has the subject `system:serviceaccount:{}:{}`: Entra ID refuses its token exchange",
                            o.namespace, o.name, o.namespace, o.name
                        ),
                        format!(
                            "add an `azurerm_federated_identity_credential` on the managed identity with `subject = \"system:serviceaccount:{}:{}\"`, `issuer` the cluster's `oidc_issuer_url` and `audience = [\"api://AzureADTokenExchange\"]`",
                            o.namespace, o.name
                        ),
                    );
                    for c in credentials {
                        cx.also_rests_on(&c.anchor);
                    }
                }
                (None, Some(credential)) => {
                    cx.report(
                        o,
                        &o.anchor,
                        &[],
                        format!(
                            "federated identity credential `{}` ({}) trusts ServiceAccount `{}/{}`, which has no `{CLIENT_ID_ANNOTATION}` annotation: pods using it get no Entra ID token",
                            credential.address, credential.anchor.file, o.namespace, o.name
                        ),
                        format!(
                            "annotate the ServiceAccount with `{CLIENT_ID_ANNOTATION}: <client ID of the managed identity that holds the credential>`"
                        ),
                    );
                    for c in &naming {
                        cx.also_rests_on(&c.anchor);
                    }
                }
                _ => {}
            }
        }
    }
}
