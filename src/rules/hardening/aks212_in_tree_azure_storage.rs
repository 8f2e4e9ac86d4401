//! AKS212 in-tree-azure-storage: a StorageClass whose `provisioner` is the in-tree Azure Disk or
//! Azure Files plugin (`kubernetes.io/azure-disk`, `kubernetes.io/azure-file`) instead of the CSI
//! driver. Anchored at the `provisioner` entry. PersistentVolumes with in-tree `azureDisk` /
//! `azureFile` sources are outside the rule (rules.md names StorageClasses only); pods that use
//! them inline are AKS416's.

use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{K8sCtx, Rule};

declare_rule!(InTreeAzureStorage, "AKS212", [Kinds(&["StorageClass"])]);

/// In-tree provisioner → (CSI driver, the StorageClasses AKS ships for it).
const IN_TREE: &[(&str, &str, &str)] = &[
    (
        "kubernetes.io/azure-disk",
        "disk.csi.azure.com",
        "`managed-csi`, `managed-csi-premium`",
    ),
    (
        "kubernetes.io/azure-file",
        "file.csi.azure.com",
        "`azurefile-csi`, `azurefile-csi-premium`",
    ),
];

impl Rule for InTreeAzureStorage {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        if obj.kind != "StorageClass" || !obj.api_version.starts_with("storage.k8s.io/") {
            return;
        }
        let doc = obj.doc;
        let Some(e) = doc.entry(obj.node, "provisioner") else {
            return;
        };
        let Some(provisioner) = doc.str(e.value) else {
            return;
        };
        let Some(&(_, csi, builtin)) = IN_TREE.iter().find(|(p, _, _)| *p == provisioner) else {
            return;
        };

        // Unmanaged (blob-based) disks: `kind: shared|dedicated` (any case) has no CSI equivalent.
        let unmanaged = doc
            .get(obj.node, "parameters")
            .and_then(|p| {
                doc.entries(p).into_iter().find(|pe| {
                    doc.str(pe.key)
                        .is_some_and(|k| k.eq_ignore_ascii_case("kind"))
                })
            })
            .and_then(|pe| doc.str(pe.value))
            .filter(|v| v.eq_ignore_ascii_case("shared") || v.eq_ignore_ascii_case("dedicated"));

        let mut message = format!(
            "the StorageClass uses the in-tree provisioner `{provisioner}`, deprecated on AKS since Kubernetes 1.26 and flagged by the AKS deployment safeguards, instead of the CSI driver `{csi}`"
        );
        let mut help = format!(
            "`provisioner: {csi}` (or use the StorageClasses AKS already provides: {builtin}); the CSI driver reads the same parameters, with names case-insensitive (`skuname` = `skuName`); `provisioner` cannot be changed in place, so create the class under a new name (or delete and recreate it) — existing volumes keep working through CSI migration"
        );
        if let Some(kind) = unmanaged {
            message.push_str(&format!(
                "; `kind: {kind}` asks for unmanaged (blob-based) disks, which Azure no longer creates"
            ));
            help.push_str("; drop `kind` (the CSI driver creates managed disks)");
        }
        cx.report(doc.entry_span(e), message, help);
    }
}
