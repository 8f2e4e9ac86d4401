//! AKS401 privileged-container: `securityContext.privileged: true`.

use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{Ctx, Rule, RuleMeta};

declare_rule!(PrivilegedContainer, "AKS401");

impl Rule for PrivilegedContainer {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check(&self, obj: &Object<'_, '_>, cx: &mut Ctx<'_>) {
        let Some(pod) = obj.pod_spec() else { return };
        for c in pod.containers() {
            let Some(e) = c.security_context(&["privileged"]) else {
                continue;
            };
            if c.doc.bool(e.value) == Some(true) {
                cx.report(
                    c.doc.entry_span(e),
                    format!("{} runs privileged", c.describe()),
                    "set `securityContext.privileged: false` (or remove it); add only the capability the container needs under `securityContext.capabilities.add`",
                );
            }
        }
    }
}
