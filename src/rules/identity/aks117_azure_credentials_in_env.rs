//! AKS117 azure-credentials-in-env: an env var named like an Azure credential (`AZURE_` first,
//! then SECRET, PASSWORD, KEY, CONNECTION_STRING or SAS), set to a literal value or from a
//! Secret or ConfigMap. One finding per env var, at its `name` entry. AKS502 (secret literals in
//! env) skips every name [`is_azure_credential_name`] accepts: AKS117 takes precedence.

use crate::declare_rule;
use crate::k8s::Object;
use crate::k8s::env::{has_term, is_reference_name, words};
use crate::rules::{Ctx, Rule, RuleMeta};

declare_rule!(AzureCredentialsInEnv, "AKS117");

/// Is this env var name an Azure credential, as AKS117 judges it? Its first word is `azure`
/// (`AZURE_…`, `AzureAd__ClientSecret`), its last word is not `FILE`, `PATH`, `URL`, `NAME`, `ID`,
/// `ENDPOINT` or `HOST`, and it holds the word SECRET, PASSWORD, SAS, the consecutive words
/// CONNECTION STRING (or `CONNECTIONSTRING`), or a KEY: `key` (or `apikey`, `key1`, `key2`…) as the
/// last word, trailing numbers aside, and not a public key. KEY anywhere else names something
/// else (`AZURE_KEY_VAULT_URI`, `AZURE_KEYVAULT_NAME`, `AZURE_KEY_VERSION`,
/// `AZURE_APPCONFIG_KEY_FILTER`).
///
/// AKS502 calls this to leave these names to AKS117.
pub fn is_azure_credential_name(name: &str) -> bool {
    let w = words(name);
    if w.first().map(String::as_str) != Some("azure") || is_reference_name(&w) {
        return false;
    }
    let rest = &w[1..];
    if ["secret", "password", "sas", "sastoken", "connectionstring"]
        .iter()
        .any(|t| rest.iter().any(|x| x == t))
        || has_term(rest, "connection_string")
    {
        return true;
    }
    // KEY: the last word, numbers after it aside (`AZURE_STORAGE_KEY_2`).
    let mut end = rest.len();
    while end > 0 && rest[end - 1].bytes().all(|b| b.is_ascii_digit()) {
        end -= 1;
    }
    let Some(last) = end.checked_sub(1).map(|i| rest[i].as_str()) else {
        return false;
    };
    let is_key = last == "apikey"
        || last
            .strip_prefix("key")
            .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
    is_key && !(end >= 2 && rest[end - 2] == "public")
}

impl Rule for AzureCredentialsInEnv {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check(&self, obj: &Object<'_, '_>, cx: &mut Ctx<'_>) {
        let Some(pod) = obj.pod_spec() else { return };
        for c in pod.containers() {
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

#[cfg(test)]
mod tests {
    use super::is_azure_credential_name as cred;

    #[test]
    fn credentials() {
        for n in [
            "AZURE_CLIENT_SECRET",
            "AZURE_CLIENT_CERTIFICATE_PASSWORD",
            "AZURE_STORAGE_KEY",
            "AZURE_STORAGE_ACCOUNT_KEY",
            "AZURE_STORAGE_KEY_2",
            "AZURE_STORAGE_KEY1",
            "AZURE_OPENAI_API_KEY",
            "AZURE_OPENAI_APIKEY",
            "AZURE_OPENAI_KEY",
            "AZURE_STORAGE_CONNECTION_STRING",
            "AZURE_STORAGE_CONNECTIONSTRING",
            "AZURE_STORAGE_SAS_TOKEN",
            "AZURE_SAS",
            "azure_client_secret",
            "AzureClientSecret",
            "AzureAd__ClientSecret",
            "azure.storage.key",
            "AZURE_BATCH_KEY",
            "AZURE_KEY",
        ] {
            assert!(cred(n), "{n}");
        }
    }

    #[test]
    fn not_credentials() {
        for n in [
            "AZURE_CLIENT_ID",
            "AZURE_TENANT_ID",
            "AZURE_FEDERATED_TOKEN_FILE",
            "AZURE_AUTHORITY_HOST",
            "AZURE_CLIENT_SECRET_PATH",
            "AZURE_KEYVAULT_NAME",
            "AZURE_KEYVAULT_URI",
            "AZURE_KEY_VAULT_URI",
            "AZURE_KEY_VAULT_NAME",
            "AZURE_KEY_VERSION",
            "AZURE_APPCONFIG_KEY_FILTER",
            "AZURE_STORAGE_KEY_NAME",
            "AZURE_SSH_PUBLIC_KEY",
            "AZURE_SAS_URL",
            "AZURE_OPENAI_ENDPOINT",
            "AZURE_PASSWORDLESS_ENABLED",
            "AZURE_KEYS",
            "AZURE_SECRETS_STORE_MODE",
            "AZURE_CONNECTION_TIMEOUT",
            "AZURE_ACCESS_TOKEN",
            "AZURE",
            "CLIENT_SECRET",
            "AZUREAD_CLIENT_SECRET",
            "MY_AZURE_CLIENT_SECRET",
            "OPENAI_API_KEY",
        ] {
            assert!(!cred(n), "{n}");
        }
    }
}
