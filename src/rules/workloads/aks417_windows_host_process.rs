//! AKS417 windows-host-process: the effective `windowsOptions.hostProcess` of a container (its
//! own, else the pod's) is true. A pod-level value is reported once per inheriting container, at
//! the pod-level key.

use crate::declare_rule;
use crate::k8s::{Level, Workload};
use crate::rules::{K8sCtx, Rule};

declare_rule!(WindowsHostProcess, "AKS417", [Workloads]);

const HELP: &str = "remove `windowsOptions.hostProcess: true` (or set it to false) and run a process-isolated container (`windowsOptions.runAsUserName: ContainerUser`); node agents belong in AKS add-ons or a dedicated privileged namespace";

impl Rule for WindowsHostProcess {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let pod = &w.pod;
        let doc = pod.doc;
        let path = ["windowsOptions", "hostProcess"];
        for c in &w.containers {
            let Some((e, level)) = c.effective(&path) else {
                continue;
            };
            let inherited = level == Level::Pod;
            if doc.bool(e.value) != Some(true) {
                continue;
            }
            let message = if inherited {
                format!(
                    "{} inherits `windowsOptions.hostProcess: true` from the pod: it runs as a HostProcess container with full access to the Windows node",
                    c.describe()
                )
            } else {
                format!(
                    "{} runs as a Windows HostProcess container (`hostProcess: true`), with full access to the node",
                    c.describe()
                )
            };
            cx.report(doc.entry_span(e), message, HELP);
        }
    }
}
