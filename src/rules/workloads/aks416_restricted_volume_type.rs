//! AKS416 restricted-volume-type: pod volumes whose type is outside the Pod Security Standards
//! restricted set (hostPath is AKS408's). One finding per pod spec, at the first offending volume
//! type key, naming every offending volume.

use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};

declare_rule!(RestrictedVolumeType, "AKS416", [Workloads]);

/// Volume source fields outside the restricted set. The restricted set is `configMap`, `csi`,
/// `downwardAPI`, `emptyDir`, `ephemeral`, `persistentVolumeClaim`, `projected`, `secret`, plus
/// `image` (OCI image volumes), which Pod Security admission has allowed since Kubernetes 1.33
/// (kubernetes/kubernetes#130394); `hostPath` is AKS408's. Keys that are not volume sources at
/// all (typos, misplaced fields) are left alone: they are not a volume type.
const RESTRICTED: &[&str] = &[
    "awsElasticBlockStore",
    "azureDisk",
    "azureFile",
    "cephfs",
    "cinder",
    "fc",
    "flexVolume",
    "flocker",
    "gcePersistentDisk",
    "gitRepo",
    "glusterfs",
    "iscsi",
    "nfs",
    "photonPersistentDisk",
    "portworxVolume",
    "quobyte",
    "rbd",
    "scaleIO",
    "storageos",
    "vsphereVolume",
];

impl Rule for RestrictedVolumeType {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let pod = &w.pod;
        let doc = pod.doc;
        let mut first = None;
        let mut named = Vec::new();
        let mut azure = false;
        for v in pod.volumes() {
            let name = doc
                .get(v, "name")
                .and_then(|n| doc.str(n))
                .unwrap_or("<unnamed>");
            for e in doc.entries(v) {
                let Some(key) = doc.str(e.key) else { continue };
                // A source set to null is unset (a volume with no source defaults to emptyDir).
                if !RESTRICTED.contains(&key) || doc.is_null(e.value) {
                    continue;
                }
                azure |= matches!(key, "azureFile" | "azureDisk");
                first.get_or_insert(doc.span(e.key));
                named.push(format!("`{name}` ({key})"));
            }
        }
        let Some(span) = first else { return };
        let plural = if named.len() == 1 { "" } else { "s" };
        let help = if azure {
            "mount storage through a PersistentVolumeClaim of an Azure CSI StorageClass (`azurefile-csi`, `managed-csi`: `file.csi.azure.com` / `disk.csi.azure.com`) instead of the deprecated in-tree `azureFile`/`azureDisk` volumes; use `emptyDir` or `ephemeral` for scratch space"
        } else {
            "define the storage as a PersistentVolume/StorageClass and mount it with `persistentVolumeClaim: {claimName: …}`; use `emptyDir` or `ephemeral` for scratch space and `csi` for driver-provided volumes"
        };
        cx.report(
            span,
            format!(
                "the pod uses volume type{plural} outside the Pod Security Standards restricted set: {}",
                named.join(", ")
            ),
            help,
        );
    }
}
