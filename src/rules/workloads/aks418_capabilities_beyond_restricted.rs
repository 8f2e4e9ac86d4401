//! AKS418 capabilities-beyond-restricted: `capabilities.add` holds a capability of the Pod
//! Security Standards baseline list other than `NET_BIND_SERVICE` (the only one restricted
//! allows). Capabilities outside the baseline list are AKS406's. Windows pods are exempt;
//! privileged containers are AKS401's alone.

use super::capabilities::{PSS_BASELINE, capability};
use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};

declare_rule!(CapabilitiesBeyondRestricted, "AKS418", [Workloads]);

impl Rule for CapabilitiesBeyondRestricted {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let pod = &w.pod;
        if w.windows {
            return;
        }
        let doc = pod.doc;
        for c in w.unprivileged() {
            let Some(add) = c.security_context(&["capabilities", "add"]) else {
                continue;
            };
            let mut first = None;
            let mut names = Vec::new();
            for item in doc.seq(add.value) {
                let Some(name) = doc.str(item) else { continue };
                let cap = capability(name);
                if cap != "NET_BIND_SERVICE" && PSS_BASELINE.contains(&cap.as_str()) {
                    first.get_or_insert(doc.span(item));
                    names.push(format!("`{name}`"));
                }
            }
            let Some(span) = first else { continue };
            let list = names.join(", ");
            let plural = if names.len() == 1 { "y" } else { "ies" };
            cx.report(
                span,
                format!(
                    "{} adds capabilit{plural} {list} beyond the Pod Security Standards restricted level, which allows adding only `NET_BIND_SERVICE`",
                    c.describe()
                ),
                "remove them from `securityContext.capabilities.add` and keep `capabilities: {drop: [\"ALL\"], add: [\"NET_BIND_SERVICE\"]}` at most; set file ownership at image build time or with `fsGroup`, and start as the final user with `runAsUser`",
            );
        }
    }
}
