//! AKS504 secret-provider-class-legacy-identity: Key Vault reached with a legacy or shared
//! identity instead of Workload Identity.
//!
//! - A SecretProviderClass of the Azure provider with `usePodIdentity` or `useVMManagedIdentity`
//!   true, as the provider reads it (Go `strconv.ParseBool`: `"true"`, `"True"`, `"1"`, `"t"`…,
//!   and a plain YAML boolean, which the API server would reject anyway since parameters are
//!   strings). One finding per parameter, at it.
//! - A workload volume `csi: {driver: secrets-store.csi.k8s.io, nodePublishSecretRef: …}`: the
//!   provider logs in with a service principal whose secret sits in a Kubernetes Secret. One
//!   finding per volume, at `nodePublishSecretRef`. Other CSI drivers (Azure Files, SMB, blob
//!   fuse…) use `nodePublishSecretRef` for their own storage credentials and are not judged.

use super::{AzureSpc, SECRETS_STORE_DRIVER};
use crate::declare_rule;
use crate::k8s::{Object, PodSpec, Workload};
use crate::rules::{K8sCtx, Rule};
use crate::yaml::{Document, Entry, NodeId, Style};

declare_rule!(
    SecretProviderClassLegacyIdentity,
    "AKS504",
    [Kinds(&["SecretProviderClass"]), Workloads]
);

const SPC_HELP: &str = "switch the class to Workload Identity: remove `usePodIdentity`, `useVMManagedIdentity` and `userAssignedIdentityID`, add `clientID: <client ID of a user-assigned managed identity>`, federate that identity with the pod's ServiceAccount (`az identity federated-credential create --identity-name <identity> --resource-group <rg> --name <name> --issuer <cluster OIDC issuer URL> --subject system:serviceaccount:<namespace>:<service-account>`) and annotate the ServiceAccount `azure.workload.identity/client-id: <client ID>`";

impl Rule for SecretProviderClassLegacyIdentity {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        if let Some(spc) = AzureSpc::of(obj) {
            check_class(obj, &spc, cx);
        }
    }

    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        check_volumes(&w.pod, cx);
    }
}

fn check_class(obj: &Object<'_, '_>, spc: &AzureSpc, cx: &mut K8sCtx<'_>) {
    let doc = obj.doc;
    let mut hits: Vec<(Entry, &str)> = ["usePodIdentity", "useVMManagedIdentity"]
        .into_iter()
        .filter_map(|p| {
            let e = spc.parameter(obj, p)?;
            enabled(doc, e.value).then_some((e, p))
        })
        .collect();
    hits.sort_by_key(|(e, _)| doc.span(e.key).start);
    for (e, param) in hits {
        let written = format!("`{param}: {}`", doc.shown(e.value));
        let unquoted = if doc.style(e.value) == Some(Style::Plain) {
            " (written unquoted, the API server also rejects it: parameters are strings)"
        } else {
            ""
        };
        let message = if param == "usePodIdentity" {
            format!(
                "{} reads Key Vault through AAD Pod Identity ({written}), which is deprecated: its NMI DaemonSet intercepts every pod's calls to the node's metadata endpoint; use Workload Identity{unquoted}",
                obj.display()
            )
        } else {
            format!(
                "{} reads Key Vault with the node's managed identity ({written}): every pod on those nodes can get the same token, so the vault is open to all of them; use Workload Identity{unquoted}",
                obj.display()
            )
        };
        cx.report(doc.entry_span(e), message, SPC_HELP);
    }
}

/// True as the provider reads it (`strconv.ParseBool` after trimming), or a YAML boolean true.
fn enabled(doc: &Document<'_>, v: NodeId) -> bool {
    if doc.bool(v) == Some(true) {
        return true;
    }
    matches!(
        doc.str(v).map(str::trim),
        Some("1" | "t" | "T" | "true" | "TRUE" | "True")
    )
}

fn check_volumes(pod: &PodSpec<'_, '_>, cx: &mut K8sCtx<'_>) {
    let doc = pod.doc;
    for v in pod.volumes() {
        let Some(csi) = doc.get(v, "csi").filter(|&c| doc.is_map(c)) else {
            continue;
        };
        let driver = doc.get(csi, "driver").and_then(|d| doc.str(d));
        if driver.map(str::trim) != Some(SECRETS_STORE_DRIVER) {
            continue;
        }
        let Some(r) = doc
            .entry(csi, "nodePublishSecretRef")
            .filter(|e| !doc.is_null(e.value))
        else {
            continue;
        };
        let volume = doc
            .get(v, "name")
            .and_then(|n| doc.str(n))
            .unwrap_or("<unnamed>");
        let secret = doc
            .get(r.value, "name")
            .and_then(|n| doc.str(n))
            .filter(|s| !s.is_empty());
        let from = match secret {
            Some(s) => format!("the Secret `{s}`"),
            None => "a Secret".to_string(),
        };
        cx.report(
            doc.entry_span(r),
            format!(
                "volume `{volume}` (Secrets Store CSI) logs in to Key Vault with a service principal whose client ID and secret come from {from} (`nodePublishSecretRef`): a long-lived credential stored in the cluster that works from anywhere; use Workload Identity",
            ),
            format!(
                "remove `nodePublishSecretRef` from the volume, delete {from} and the service principal's client secret; set `clientID: <client ID of a user-assigned managed identity federated with the pod's ServiceAccount>` in the SecretProviderClass's `parameters`, run the pod with that ServiceAccount (annotated `azure.workload.identity/client-id: <client ID>`)"
            ),
        );
    }
}
