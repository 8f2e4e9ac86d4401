//! AKS405 capabilities-not-dropped: `capabilities.drop` does not contain `ALL` (matched
//! case-insensitively, with or without `CAP_`). Windows pods are exempt; a privileged container
//! has every capability whatever it drops, and is AKS401's alone.

use super::capabilities::capability;
use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};

declare_rule!(CapabilitiesNotDropped, "AKS405", [Workloads]);

const HELP: &str = "add `capabilities: {drop: [\"ALL\"]}` under the container's `securityContext`; add back only what the process needs (Pod Security Standards restricted allows `add: [\"NET_BIND_SERVICE\"]` alone)";

impl Rule for CapabilitiesNotDropped {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        if w.windows {
            return;
        }
        for c in w.unprivileged() {
            let doc = c.doc;
            let Some(drop) = c
                .security_context(&["capabilities", "drop"])
                .filter(|e| !doc.is_null(e.value))
            else {
                cx.report(
                    c.anchor(),
                    format!(
                        "{} keeps the runtime's default capabilities (NET_RAW, CHOWN, SETUID…): it has no `capabilities.drop: [\"ALL\"]`",
                        c.describe()
                    ),
                    HELP,
                );
                continue;
            };
            // A null or empty item names no capability: it is left out of the message.
            let names: Vec<&str> = doc
                .seq(drop.value)
                .filter_map(|i| doc.str(i))
                .filter(|n| !n.is_empty())
                .collect();
            if names.iter().any(|n| capability(n) == "ALL") {
                continue;
            }
            let message = if names.is_empty() {
                format!(
                    "{} drops no capabilities: `capabilities.drop` does not contain `ALL`",
                    c.describe()
                )
            } else {
                format!(
                    "{} drops only {} instead of `ALL`: it keeps the rest of the runtime's default capabilities",
                    c.describe(),
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            cx.report(doc.entry_span(drop), message, HELP);
        }
    }
}
