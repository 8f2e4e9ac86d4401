//! AKS117 azure-credentials-in-env: an env var named like an Azure credential (`AZURE_` first,
//! then SECRET, PASSWORD, KEY, CONNECTION_STRING or SAS), set to a literal value or from a
//! Secret or ConfigMap. One finding per env var, at its `name` entry. AKS502 (secret literals in
//! env) skips every name [`is_azure_credential_name`] accepts: AKS117 takes precedence.

use crate::declare_rule;
use crate::k8s::Workload;
use crate::k8s::env::is_azure_credential_name;
use crate::rules::{K8sCtx, Rule};

declare_rule!(AzureCredentialsInEnv, "AKS117", [Workloads]);

impl Rule for AzureCredentialsInEnv {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        for c in &w.containers {
            let doc = c.doc;
            let Some(env) = c.entry("env") else { continue };
            for var in doc.seq(env.value).filter(|&v| doc.is_map(v)) {
                let Some(name_entry) = doc.entry(var, "name") else {
                    continue;
                };
                let Some(name) = doc.str(name_entry.value) else {
                    continue;
                };
                if !is_azure_credential_name(name) {
                    continue;
                }
                let value = doc
                    .get(var, "value")
                    .filter(|&v| !doc.is_null(v))
                    .and_then(|v| doc.str(v))
                    .filter(|v| !v.is_empty());
                let from = doc.get(var, "valueFrom");
                let (source, readers) = if value.is_some() {
                    (
                        "to a literal value".to_string(),
                        "the manifest, the workload object",
                    )
                } else if let Some((what, r)) = from.and_then(|f| {
                    doc.get(f, "secretKeyRef")
                        .map(|r| ("Secret", r))
                        .or_else(|| doc.get(f, "configMapKeyRef").map(|r| ("ConfigMap", r)))
                }) {
                    let s = |k: &str| doc.get(r, k).and_then(|v| doc.str(v)).unwrap_or("?");
                    (
                        format!("from the {what} `{}` (key `{}`)", s("name"), s("key")),
                        if what == "Secret" {
                            "that Secret"
                        } else {
                            "that ConfigMap"
                        },
                    )
                } else {
                    continue;
                };
                cx.report(
                    doc.entry_span(name_entry),
                    format!(
                        "{} sets the Azure credential `{name}` {source}: a long-lived secret that anyone who can read {readers} or the pod's environment can reuse outside the cluster",
                        c.describe(),
                    ),
                    "remove the credential and use Microsoft Entra Workload Identity: label the pod `azure.workload.identity/use: \"true\"`, annotate its ServiceAccount `azure.workload.identity/client-id: \"<managed identity client ID>\"`, grant that identity an Azure role on the resource (Entra ID authentication instead of keys, SAS or connection strings); the Azure SDKs' DefaultAzureCredential reads the injected AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE",
                );
            }
        }
    }
}
