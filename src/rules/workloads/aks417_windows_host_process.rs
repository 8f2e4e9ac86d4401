//! AKS417 windows-host-process: `windowsOptions.hostProcess: true`. One finding per pod at the
//! pod-level setting when there is one (naming the containers that run as HostProcess), else one
//! per container that sets it. The `hostNetwork: true` that HostProcess requires is part of this
//! finding, not AKS407's.

use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};

declare_rule!(WindowsHostProcess, "AKS417", [Workloads]);

const HELP: &str = "remove `windowsOptions.hostProcess: true` (or set it to false) and run a process-isolated container (`windowsOptions.runAsUserName: ContainerUser`); node agents belong in AKS add-ons or a dedicated privileged namespace";

const PATH: [&str; 2] = ["windowsOptions", "hostProcess"];

impl Rule for WindowsHostProcess {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let doc = w.pod.doc;
        let on = |e: &crate::yaml::Entry| doc.bool(e.value) == Some(true);
        if let Some(e) = w.pod.security_context(&PATH).filter(on) {
            let names: Vec<String> = w
                .containers
                .iter()
                .filter(|c| c.effective(&PATH).is_some_and(|(e, _)| on(&e)))
                .map(|c| format!("`{}`", c.name))
                .collect();
            let who = match names.as_slice() {
                [] => "its containers run".to_string(),
                [one] => format!("its container {one} runs"),
                _ => format!("its containers {} run", names.join(", ")),
            };
            cx.report(
                doc.entry_span(e),
                format!(
                    "the pod is a Windows HostProcess pod (`windowsOptions.hostProcess: true`): {who} directly on the node, on its network, with full access to it"
                ),
                HELP,
            );
            return;
        }
        for c in &w.containers {
            if let Some(e) = c.security_context(&PATH).filter(on) {
                cx.report(
                    doc.entry_span(e),
                    format!(
                        "{} runs as a Windows HostProcess container (`hostProcess: true`), with full access to the node",
                        c.describe()
                    ),
                    HELP,
                );
            }
        }
    }
}
