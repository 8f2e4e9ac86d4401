//! AKS408 host-path-volume: a `hostPath` volume. Once per pod spec, at the first such volume; the
//! message names them all.

use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};

declare_rule!(HostPathVolume, "AKS408", [Workloads]);

const HELP: &str = "replace the `hostPath` volume: `emptyDir: {sizeLimit: 1Gi}` for scratch space, a `persistentVolumeClaim` (Azure Disk or Azure Files CSI) for data that must outlive the pod, a `configMap`, `secret` or Key Vault CSI volume for configuration";

impl Rule for HostPathVolume {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let pod = &w.pod;
        let doc = pod.doc;
        let mut hits: Vec<_> = pod
            .volumes()
            .into_iter()
            .filter_map(|v| {
                let e = doc.entry(v, "hostPath").filter(|e| !doc.is_null(e.value))?;
                let name = doc
                    .get(v, "name")
                    .and_then(|n| doc.str(n))
                    .unwrap_or("<unnamed>");
                let path = doc.get(e.value, "path").and_then(|p| doc.str(p));
                Some((e, name, path))
            })
            .collect();
        hits.sort_by_key(|(e, _, _)| doc.span(e.key).start);
        let Some(&(first, _, _)) = hits.first() else {
            return;
        };
        let named: Vec<String> = hits
            .iter()
            .map(|&(_, name, path)| match path {
                Some(p) => format!("`{name}` ({p})"),
                None => format!("`{name}`"),
            })
            .collect();
        let noun = if hits.len() == 1 {
            "a hostPath volume"
        } else {
            "hostPath volumes"
        };
        cx.report(
            doc.entry_span(first),
            format!(
                "the pod mounts the node's filesystem through {noun}: {}",
                named.join(", ")
            ),
            HELP,
        );
    }
}
