//! AKS505 csi-secret-volume-unresolved: a Secrets Store CSI volume (`secrets-store.csi.k8s.io`)
//! that is not `readOnly: true` (judged in its file), or that names a SecretProviderClass found
//! nowhere in its namespace among the scanned manifests (judged across files, and only when the
//! scan holds SecretProviderClasses at all: a repository that keeps them elsewhere is not judged).
//! A workload that names no namespace goes wherever it is applied: when a class of that name is
//! scanned in any namespace, it is not judged.

use super::SECRETS_STORE_DRIVER;
use crate::declare_rule;
use crate::index::Index;
use crate::k8s::Workload;
use crate::rules::{IndexCtx, K8sCtx, Rule};

declare_rule!(CsiSecretVolumeUnresolved, "AKS505", [Workloads, Index]);

impl Rule for CsiSecretVolumeUnresolved {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let doc = w.pod.doc;
        for v in w.pod.volumes() {
            let Some(csi) = doc.entry(v, "csi").filter(|e| doc.is_map(e.value)) else {
                continue;
            };
            let driver = doc.get(csi.value, "driver").and_then(|d| doc.str(d));
            if driver.map(str::trim) != Some(SECRETS_STORE_DRIVER) {
                continue;
            }
            let read_only = doc.entry(csi.value, "readOnly");
            if read_only.is_some_and(|e| doc.bool(e.value) == Some(true)) {
                continue;
            }
            let name = doc
                .get(v, "name")
                .and_then(|n| doc.str(n))
                .unwrap_or("<unnamed>");
            cx.report(
                read_only.map_or(doc.span(csi.key), |e| doc.entry_span(e)),
                format!(
                    "Secrets Store CSI volume `{name}` is not mounted `readOnly: true`: the driver requires it, and a writable secret volume lets the pod alter what it reads"
                ),
                "set `readOnly: true` in the volume's `csi` block (and in its `volumeMounts`)",
            );
        }
    }

    fn check_index(&self, index: &Index, cx: &mut IndexCtx<'_>) {
        if index.secret_provider_classes().next().is_none() {
            return;
        }
        for (o, w) in index.workloads() {
            for v in &w.csi_volumes {
                let Some(class) = &v.class else { continue };
                let found = index
                    .namespace(&o.namespace)
                    .is_some_and(|ns| ns.secret_provider_classes().any(|(s, _)| &s.name == class));
                if found {
                    continue;
                }
                let same_name: Vec<_> = index
                    .secret_provider_classes()
                    .filter(|(s, _)| &s.name == class)
                    .map(|(s, _)| s)
                    .collect();
                if !same_name.is_empty() && !o.namespace_written {
                    // It goes wherever it is applied, likely beside its class.
                    continue;
                }
                let mut namespaces: Vec<String> = same_name
                    .iter()
                    .map(|s| format!("`{}`", s.namespace))
                    .collect();
                namespaces.sort();
                namespaces.dedup();
                let note = if namespaces.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (a class of that name exists in namespace {})",
                        namespaces.join(", ")
                    )
                };
                // Any class of its namespace could have been the one; one of that name elsewhere
                // is one in the wrong place.
                let mut also: Vec<_> = index
                    .namespace(&o.namespace)
                    .map(|ns| ns.secret_provider_classes().map(|(s, _)| s).collect())
                    .unwrap_or_default();
                also.extend(same_name);
                cx.report(
                    o,
                    &v.anchor,
                    &also,
                    format!(
                        "Secrets Store CSI volume `{}` names SecretProviderClass `{class}`, which no scanned manifest defines in namespace `{}`{note}: the pod cannot start until it exists there",
                        v.volume, o.namespace
                    ),
                    format!(
                        "create SecretProviderClass `{class}` in namespace `{}` (a SecretProviderClass is namespaced), or correct `volumeAttributes.secretProviderClass`",
                        o.namespace
                    ),
                );
            }
        }
    }
}
