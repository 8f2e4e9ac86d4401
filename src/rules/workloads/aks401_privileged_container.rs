//! AKS401 privileged-container: `securityContext.privileged: true`. The finding stands alone: the
//! rules on what privileged already implies (AKS402, 404, 405, 406, 410, 418) are silent on the
//! container, and the message says why.

use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};

declare_rule!(PrivilegedContainer, "AKS401", [Workloads]);

impl Rule for PrivilegedContainer {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        for c in &w.containers {
            let Some(e) = c.security_context(&["privileged"]) else {
                continue;
            };
            if c.doc.bool(e.value) == Some(true) {
                cx.report(
                    c.doc.entry_span(e),
                    format!(
                        "{} runs privileged: it has every Linux capability and every device of the node, runs without seccomp or AppArmor confinement and may always escalate privileges, so no other setting of its security context restricts it",
                        c.describe()
                    ),
                    "set `securityContext.privileged: false` (or remove it); add only the capability the container needs under `securityContext.capabilities.add`",
                );
            }
        }
    }
}
