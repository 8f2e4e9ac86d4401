//! AKS501 plaintext-secret-manifest: a `v1` Secret that carries values in `data` or `stringData`
//! (every type but `kubernetes.io/service-account-token`, whose token the control plane writes).
//! One finding per Secret, at the first of `data`/`stringData` that holds a value; the message
//! names the keys that may hold a credential, never the values. A Secret whose values hold no
//! credential — empty, on/off switches, plain host names or URLs without user info, password or
//! key parameters (`nats://nats.messaging.svc:4222`) — is silent; one credential makes it a
//! finding. Values that are placeholders (`${DB_PASSWORD}`, `<base64-tenant-id>`, any `data` value
//! that is not base64) still fire, with a message that says the manifest is a template for
//! plaintext values. A configuration file kept
//! in a Secret (`grafana.ini`, `alertmanager.yaml`: the key has a config-file extension) is judged
//! by its content: it counts only when it holds a credential (a secret-named key with a value, a
//! password in a URL or connection string, a private key block).

use super::values::{
    base64_decode, config_has_credential, holds_no_credential, is_config_file, is_placeholder,
};
use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{K8sCtx, Rule};
use crate::yaml::Entry;

declare_rule!(PlaintextSecretManifest, "AKS501", [Kinds(&["Secret"])]);

/// One non-empty value of `data`/`stringData`.
struct Value<'d> {
    key: &'d str,
    placeholder: bool,
    /// A configuration file found to hold a credential.
    config: bool,
}

impl Rule for PlaintextSecretManifest {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        if obj.kind != "Secret" || obj.api_version != "v1" {
            return;
        }
        let doc = obj.doc;
        let secret_type = doc.get(obj.node, "type").and_then(|t| doc.str(t));
        if secret_type == Some("kubernetes.io/service-account-token") {
            return;
        }
        // `data` and `stringData` in document order, each with its non-empty values.
        let mut fields: Vec<(&str, Entry, Vec<Value<'_>>)> = ["data", "stringData"]
            .into_iter()
            .filter_map(|field| {
                let e = doc.entry(obj.node, field)?;
                let values: Vec<Value<'_>> = doc
                    .entries(e.value)
                    .into_iter()
                    .filter_map(|kv| {
                        let v = doc.str(kv.value)?;
                        if doc.is_null(kv.value) || v.trim().is_empty() {
                            return None;
                        }
                        let key = doc.str(kv.key)?;
                        // A `data` value that is not base64 cannot be applied as is: it is
                        // a placeholder (`CLIENT_SECRET`, `<base64-encoded-secret>`).
                        let placeholder =
                            is_placeholder(v) || (field == "data" && base64_decode(v).is_none());
                        let config = is_config_file(key) && !placeholder;
                        if config && !config_secret(field, v) {
                            return None;
                        }
                        if !placeholder && !config && !may_hold_credential(field, key, v) {
                            return None;
                        }
                        Some(Value {
                            key,
                            placeholder,
                            config,
                        })
                    })
                    .collect();
                (!values.is_empty()).then_some((field, e, values))
            })
            .collect();
        fields.sort_by_key(|(_, e, _)| doc.span(e.key).start);
        let Some((_, first, _)) = fields.first() else {
            return;
        };
        let listed: Vec<String> = fields
            .iter()
            .map(|(field, _, values)| {
                let keys: Vec<String> = values
                    .iter()
                    .map(|v| match v.config {
                        true => format!("`{}` (a config file with a credential in it)", v.key),
                        false => format!("`{}`", v.key),
                    })
                    .collect();
                format!("`{field}`: {}", keys.join(", "))
            })
            .collect();
        let all: Vec<&Value<'_>> = fields.iter().flat_map(|(_, _, v)| v).collect();
        let what = match secret_type {
            Some(t) if !t.is_empty() && t != "Opaque" => format!("{} ({t})", obj.display()),
            _ => obj.display(),
        };
        let message = if all.iter().all(|v| v.placeholder) {
            format!(
                "{what} is a template for plaintext values ({}): the real ones are filled in before apply, so they live in a manifest and in etcd, readable by anyone who can read Secrets",
                listed.join("; ")
            )
        } else {
            let base64 = if fields.iter().any(|(f, _, _)| *f == "data") {
                "; base64 in `data` is an encoding, not encryption"
            } else {
                ""
            };
            format!(
                "{what} commits its values in plain text ({}){base64}",
                listed.join("; ")
            )
        };
        let first_key = all.first().map_or("<key>", |v| v.key);
        let finding = cx.report(doc.span(first.key), message, help(first_key));
        for (field, e, _) in fields.iter().skip(1) {
            finding
                .related
                .push((doc.span(e.key), format!("more values in `{field}`")));
        }
    }
}

/// Whether one value (`stringData` text, or base64 `data`) may be a credential: not when it is a
/// switch, a host or a URL without one (content that is not UTF-8 text may be).
fn may_hold_credential(field: &str, key: &str, value: &str) -> bool {
    if field == "stringData" {
        return !holds_no_credential(key, value);
    }
    match base64_decode(value).map(String::from_utf8) {
        Some(Ok(text)) => !holds_no_credential(key, &text),
        _ => true,
    }
}

/// Does a configuration file (`stringData` text, or base64 `data`) hold a credential? Content
/// that is not UTF-8 text counts as secret.
fn config_secret(field: &str, value: &str) -> bool {
    if field == "stringData" {
        return config_has_credential(value);
    }
    match base64_decode(value).map(String::from_utf8) {
        Some(Ok(text)) => config_has_credential(&text),
        _ => true,
    }
}

fn help(key: &str) -> String {
    // Key Vault object names allow letters, digits and dashes only.
    let object: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!(
        "move the values to Azure Key Vault, delete this manifest and rotate what it exposed; mount them with the Secrets Store CSI driver: a `SecretProviderClass` with `provider: azure` and `parameters: {{clientID: <workload-identity-client-id>, keyvaultName: <vault>, tenantId: <tenant-id>, objects: \"array:\\n  - |\\n    objectName: {object}\\n    objectType: secret\\n    objectAlias: {key}\"}}`, and a pod volume `csi: {{driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: {{secretProviderClass: <class-name>}}}}`; where a Kubernetes Secret is required (ingress TLS, `envFrom`), let the class create it with `secretObjects`"
    )
}
