//! AKS502 secret-literal-in-env: an env var whose name says it holds a secret (PASSWORD, PASSWD,
//! SECRET, TOKEN, API_KEY/APIKEY, PRIVATE_KEY, CONNECTION_STRING, ACCOUNT_KEY as whole words) set
//! with a non-empty literal `value`. One finding per env var, at its `value`; the message never
//! shows the value (it would leak into CI logs and SARIF uploads) unless it is a placeholder.
//!
//! A value holding a PEM private key block is reported whatever the name.
//!
//! Not secrets: names whose last word is FILE/PATH/URL/NAME/ID/ENDPOINT/HOST (`k8s::env`), on/off
//! values (`ALLOW_EMPTY_PASSWORD: "yes"`), values built from `$(VAR)` references (Kubernetes
//! expands them from other variables, which may come from a Secret), and connection strings that
//! carry no credential (`Server=db;Authentication=Active Directory Managed Identity`). Azure
//! credential names (`AZURE_CLIENT_SECRET`…) are AKS117's, which takes precedence.

use super::values::{
    SecretName, has_credential, has_dependent_var, is_placeholder, is_private_key, is_switch,
    secret_name,
};
use crate::declare_rule;
use crate::k8s::Workload;
use crate::k8s::env::is_azure_credential_name;
use crate::k8s::env::words;
use crate::rules::{K8sCtx, Rule};

declare_rule!(SecretLiteralInEnv, "AKS502", [Workloads]);

impl Rule for SecretLiteralInEnv {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let pod = &w.pod;
        let doc = pod.doc;
        for c in &w.containers {
            let Some(env) = c.entry("env") else { continue };
            for var in doc.seq(env.value).filter(|&v| doc.is_map(v)) {
                let Some(name) = doc.get(var, "name").and_then(|n| doc.str(n)) else {
                    continue;
                };
                let Some(value) = doc.entry(var, "value") else {
                    continue;
                };
                if doc.is_null(value.value) {
                    continue;
                }
                let Some(text) = doc.str(value.value) else {
                    continue;
                };
                let Some(found) = judge(name, text) else {
                    continue;
                };
                let message = match found {
                    Found::Placeholder => format!(
                        "{} sets env `{name}` to `{}`, a placeholder filled in before apply: the secret still ends up as plain text in the pod spec, readable by anyone who can read the {}",
                        c.describe(),
                        text.trim(),
                        w.obj.kind
                    ),
                    Found::Literal => format!(
                        "{} sets env `{name}` to a literal value: the secret is in plain text in the manifest and the pod spec, readable by anyone who can read the {} (value not shown)",
                        c.describe(),
                        w.obj.kind
                    ),
                    Found::PrivateKey => format!(
                        "{} sets env `{name}` to a private key (a PEM `PRIVATE KEY` block): it is in plain text in the manifest and the pod spec, readable by anyone who can read the {} (value not shown)",
                        c.describe(),
                        w.obj.kind
                    ),
                };
                cx.report(doc.entry_span(value), message, help(name));
            }
        }
    }
}

/// Why a variable is reported.
enum Found {
    /// A secret name with a literal value.
    Literal,
    /// A secret name with a placeholder that a pipeline replaces before apply.
    Placeholder,
    /// A private key, whatever the name.
    PrivateKey,
}

/// Judges one `name: value` pair (the value non-null).
fn judge(name: &str, text: &str) -> Option<Found> {
    // AKS117 takes precedence on the names it judges.
    if is_azure_credential_name(name) {
        return None;
    }
    let w = words(name);
    if is_private_key(text) {
        return Some(Found::PrivateKey);
    }
    let kind = secret_name(&w);
    if kind == SecretName::No
        || text.trim().is_empty()
        || is_switch(text)
        || has_dependent_var(text)
    {
        return None;
    }
    if is_placeholder(text) {
        return Some(Found::Placeholder);
    }
    if kind == SecretName::ConnectionString && !has_credential(text) {
        return None;
    }
    Some(Found::Literal)
}

fn help(name: &str) -> String {
    format!(
        "keep the value in Azure Key Vault and mount it with the Secrets Store CSI driver (a `SecretProviderClass` with `provider: azure` and a `csi: {{driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: {{secretProviderClass: <class-name>}}}}` volume), then have the application read the file (many images accept `{name}_FILE` pointing at it); if it must stay an env var, reference a Secret synced by the class: `valueFrom: {{secretKeyRef: {{name: <secret-name>, key: <key>}}}}` instead of `value`"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judged() {
        assert!(matches!(
            judge("DB_PASSWORD", "hunter2"),
            Some(Found::Literal)
        ));
        assert!(matches!(
            judge("DB_PASSWORD", "${DB_PASSWORD}"),
            Some(Found::Placeholder)
        ));
        assert!(matches!(
            judge("the_good_stuff", "---BEGIN OPENSSH PRIVATE KEY---\nxxx\n"),
            Some(Found::PrivateKey)
        ));
        assert!(judge("DB_PASSWORD", "$(PW)").is_none());
        assert!(judge("LOG_LEVEL", "debug").is_none());
        assert!(judge("AZURE_CLIENT_SECRET", "x").is_none());
    }
}
