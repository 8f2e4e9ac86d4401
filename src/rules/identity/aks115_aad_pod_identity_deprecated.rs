//! AKS115 aad-pod-identity-deprecated: AAD Pod Identity objects (`aadpodidentity.k8s.io`
//! AzureIdentity, AzureIdentityBinding, AzurePodIdentityException, AzureAssignedIdentity), at their
//! `kind`, and workloads whose pod (template) carries the `aadpodidbinding` label, at that label.
//! An empty label value selects no binding and stays silent.

use super::rbac::api_group;
use crate::declare_rule;
use crate::k8s::{Object, Workload};
use crate::rules::{K8sCtx, Rule};

declare_rule!(
    AadPodIdentityDeprecated,
    "AKS115",
    [
        Kinds(&[
            "AzureIdentity",
            "AzureIdentityBinding",
            "AzurePodIdentityException",
            "AzureAssignedIdentity"
        ]),
        Workloads
    ]
);

const GROUP: &str = "aadpodidentity.k8s.io";
const LABEL: &str = "aadpodidbinding";
const DEPRECATED: &str =
    "AAD Pod Identity was deprecated on 2022-10-24 and its repository archived on 2023-10-02";

impl Rule for AadPodIdentityDeprecated {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        if api_group(obj.api_version) != GROUP {
            return;
        }
        let doc = obj.doc;
        let help = match obj.kind {
            "AzureIdentity" => {
                let client_id = doc
                    .get(obj.node, "spec")
                    .and_then(|s| doc.get(s, "clientID"))
                    .and_then(|v| doc.str(v))
                    .filter(|s| !s.is_empty())
                    .unwrap_or("<client ID>");
                format!(
                    "move to Microsoft Entra Workload Identity: add a federated identity credential for the ServiceAccount to the managed identity, annotate the ServiceAccount with `azure.workload.identity/client-id: \"{client_id}\"`, label the pods `azure.workload.identity/use: \"true\"`, then delete this object"
                )
            }
            "AzureIdentityBinding" => "move to Microsoft Entra Workload Identity: the pods it selects get their identity from their ServiceAccount's `azure.workload.identity/client-id` annotation and the pod label `azure.workload.identity/use: \"true\"`; then delete this object".to_string(),
            "AzurePodIdentityException" => "move to Microsoft Entra Workload Identity, which intercepts no traffic and needs no exceptions; then delete this object".to_string(),
            "AzureAssignedIdentity" => "this object is created by the AAD Pod Identity controller (MIC): move the workloads to Microsoft Entra Workload Identity and uninstall AAD Pod Identity, then drop it from the manifests".to_string(),
            _ => return,
        };
        cx.report(
            obj.anchor(),
            format!(
                "{} belongs to AAD Pod Identity: {DEPRECATED}",
                obj.display()
            ),
            help,
        );
    }

    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let (obj, doc) = (&w.obj, w.obj.doc);
        let Some(labels) = w.pod.pod_metadata.and_then(|m| doc.get(m, "labels")) else {
            return;
        };
        let Some(label) = doc.entry(labels, LABEL) else {
            return;
        };
        let Some(value) = doc.str(label.value).filter(|_| !doc.is_null(label.value)) else {
            return;
        };
        if value.is_empty() {
            return;
        }
        let whose = if obj.kind == "Pod" {
            "pod"
        } else {
            "pod template"
        };
        cx.report(
            doc.entry_span(label),
            format!(
                "{} labels its {whose} `{LABEL}: {value}` to take an Azure identity through AAD Pod Identity: {DEPRECATED}",
                obj.display()
            ),
            format!(
                "use Microsoft Entra Workload Identity: replace the label with `azure.workload.identity/use: \"true\"`, run the pods under a ServiceAccount annotated `azure.workload.identity/client-id: \"<client ID>\"`, and federate that ServiceAccount with the managed identity of the AzureIdentityBinding whose selector is `{value}`"
            ),
        );
    }
}
