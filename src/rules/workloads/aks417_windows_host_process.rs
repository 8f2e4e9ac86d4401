//! AKS417 windows-host-process: the effective `windowsOptions.hostProcess` of a container (its
//! own, else the pod's) is true. A pod-level value is reported once per inheriting container, at
//! the pod-level key.

use crate::declare_rule;
use crate::k8s::{Level, Object};
use crate::rules::{Ctx, Rule, RuleMeta};

declare_rule!(WindowsHostProcess, "AKS417");

const HELP: &str = "remove `windowsOptions.hostProcess: true` (or set it to false) and run a process-isolated container (`windowsOptions.runAsUserName: ContainerUser`); node agents belong in AKS add-ons or a dedicated privileged namespace";

impl Rule for WindowsHostProcess {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check(&self, obj: &Object<'_, '_>, cx: &mut Ctx<'_>) {
        let Some(pod) = obj.pod_spec() else { return };
        let doc = pod.doc;
        let path = ["windowsOptions", "hostProcess"];
        for c in pod.containers() {
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
