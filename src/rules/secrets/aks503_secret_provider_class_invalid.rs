//! AKS503 secret-provider-class-invalid: a SecretProviderClass of the Azure Key Vault provider
//! (`spec.provider: azure`) without a usable `keyvaultName`, tenant ID or `objects`, so every pod
//! that mounts it fails to start. Once per class, at `parameters` (at `spec` when `parameters` is
//! missing), naming every missing parameter.
//!
//! The tenant is read from `tenantID` or, failing that, from the older spelling `tenantId`
//! (provider releases since 2022, PR Azure/secrets-store-csi-driver-provider-azure#898): either
//! counts. Parameter names are case-sensitive: a key that differs only in case (`keyVaultName`,
//! `tenantid`) is not read, and the message says so. Empty values count as missing (the provider
//! trims and rejects them); `objects` must be a string holding an `array:` list.

use super::AzureSpc;
use super::values::is_placeholder;
use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{K8sCtx, Rule};
use crate::yaml::{Document, Entry, NodeId};

declare_rule!(
    SecretProviderClassInvalid,
    "AKS503",
    [Kinds(&["SecretProviderClass"])]
);

const HELP: &str = "under `spec.parameters` write `keyvaultName: <vault-name>`, `tenantId: <tenant-id>` (`tenantID` in provider releases since 2022) and `objects: |` followed by `array:` and one `- |` item per object (`objectName: <name>`, `objectType: secret|key|cert`); with Workload Identity, also `clientID: <client ID of the identity federated with the pod's ServiceAccount>`";

/// One required parameter: the names the provider reads (in the order it reads them).
struct Required {
    names: &'static [&'static str],
}

const REQUIRED: [Required; 3] = [
    Required {
        names: &["keyvaultName"],
    },
    Required {
        names: &["tenantID", "tenantId"],
    },
    Required {
        names: &["objects"],
    },
];

impl Rule for SecretProviderClassInvalid {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        let Some(spc) = AzureSpc::of(obj) else { return };
        let doc = obj.doc;
        let params: Option<NodeId> = spc.parameters.map(|p| p.value).filter(|&p| doc.is_map(p));
        let entries: Vec<Entry> = params.map(|p| doc.entries(p)).unwrap_or_default();

        let mut missing: Vec<String> = Vec::new();
        let mut problems: Vec<String> = Vec::new();
        for req in &REQUIRED {
            let written: Vec<Entry> = req
                .names
                .iter()
                .filter_map(|n| entries.iter().find(|e| doc.str(e.key) == Some(*n)).copied())
                .collect();
            if !written.is_empty() {
                problems.extend(judge(doc, req.names[0], &written));
                continue;
            }
            // Is it there under another case?
            let near: Vec<String> = entries
                .iter()
                .filter_map(|e| doc.str(e.key))
                .filter(|k| req.names.iter().any(|n| n.eq_ignore_ascii_case(k)))
                .map(|k| format!("`{k}`"))
                .collect();
            let near = match near.len() {
                0 => None,
                1 => Some(format!(
                    "{} is not read: parameter names are case-sensitive",
                    near[0]
                )),
                _ => Some(format!(
                    "{} are not read: parameter names are case-sensitive",
                    join_and(&near)
                )),
            };
            let names: Vec<String> = req.names.iter().map(|n| format!("`{n}`")).collect();
            let item = match (names.as_slice(), near) {
                ([one], None) => one.clone(),
                ([one], Some(near)) => format!("{one} ({near})"),
                (_, None) => format!("a tenant ID ({})", names.join(" or ")),
                (_, Some(near)) => format!("a tenant ID ({}; {near})", names.join(" or ")),
            };
            missing.push(item);
        }
        if !missing.is_empty() {
            problems.insert(0, format!("missing {}", join_and(&missing)));
        }
        if problems.is_empty() {
            return;
        }
        let anchor = match spc.parameters {
            Some(p) => doc.span(p.key),
            None => doc.span(spc.spec.key),
        };
        let where_ = match spc.parameters {
            None => " (it has no `parameters`)",
            Some(p) if params.is_none() => {
                if doc.is_null(p.value) {
                    " (its `parameters` is empty)"
                } else {
                    " (its `parameters` is not a mapping)"
                }
            }
            Some(_) => "",
        };
        cx.report(
            anchor,
            format!(
                "{} for Azure Key Vault cannot mount{where_}: {}; every pod that uses it fails to start",
                obj.display(),
                problems.join("; ")
            ),
            HELP,
        );
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The problem with a required parameter that is written, if any. `written` holds the entries of
/// its accepted names in reading order; the first non-empty one is used.
fn judge(doc: &Document<'_>, name: &str, written: &[Entry]) -> Option<String> {
    if written.is_empty() {
        return None;
    }
    let used = written.iter().find(|e| {
        doc.str(e.value)
            .is_some_and(|s| !doc.is_null(e.value) && !s.trim().is_empty())
    });
    let Some(used) = used else {
        let e = written[0];
        if doc.str(e.value).is_none() {
            let what = if doc.is_map(e.value) {
                "a mapping"
            } else {
                "a list"
            };
            return Some(format!(
                "`{}` is {what}, but parameters are strings (write `{}: |` and the YAML under it)",
                doc.str(e.key).unwrap_or(name),
                doc.str(e.key).unwrap_or(name)
            ));
        }
        let keys: Vec<String> = written
            .iter()
            .map(|e| format!("`{}`", doc.str(e.key).unwrap_or(name)))
            .collect();
        let verb = if keys.len() == 1 { "is" } else { "are" };
        return Some(format!("{} {verb} empty", join_and(&keys)));
    };
    if name == "objects" {
        let text = doc.str(used.value).unwrap_or("");
        // The provider unmarshals it as YAML into `{array: [...]}`.
        let has_array = text.contains("array:") || text.contains("\"array\"");
        if !has_array && !is_placeholder(text) {
            return Some(
                "`objects` has no `array:` list, so the provider finds no object to fetch"
                    .to_string(),
            );
        }
    }
    None
}
