//! AKS402 privilege-escalation-allowed: `allowPrivilegeEscalation` not `false` (absent counts).
//! A container-level field only; Windows pods are exempt.

use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::yaml::Style;

declare_rule!(PrivilegeEscalationAllowed, "AKS402");

const HELP: &str = "add `allowPrivilegeEscalation: false` under the container's `securityContext` (there is no pod-level field: every container, init and ephemeral container needs it)";

impl Rule for PrivilegeEscalationAllowed {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check(&self, obj: &Object<'_, '_>, cx: &mut Ctx<'_>) {
        let Some(pod) = obj.pod_spec() else { return };
        if pod.is_windows() {
            return;
        }
        for c in pod.containers() {
            let doc = c.doc;
            match c.security_context(&["allowPrivilegeEscalation"]) {
                Some(e) if doc.bool(e.value) == Some(false) => {}
                Some(e) if !doc.is_null(e.value) => {
                    let message = if doc.style(e.value) == Some(Style::Quoted) {
                        format!(
                            "{} sets `allowPrivilegeEscalation: {}`, a string where Kubernetes expects the boolean `false`",
                            c.describe(),
                            doc.shown(e.value)
                        )
                    } else {
                        format!(
                            "{} allows privilege escalation (`allowPrivilegeEscalation: {}`)",
                            c.describe(),
                            doc.shown(e.value)
                        )
                    };
                    cx.report(doc.entry_span(e), message, HELP);
                }
                Some(e) => {
                    cx.report(
                        doc.entry_span(e),
                        format!(
                            "{} leaves `allowPrivilegeEscalation` empty; Kubernetes defaults it to true",
                            c.describe()
                        ),
                        HELP,
                    );
                }
                None => {
                    cx.report(
                        c.anchor(),
                        format!(
                            "{} does not set `allowPrivilegeEscalation: false`; Kubernetes defaults it to true",
                            c.describe()
                        ),
                        HELP,
                    );
                }
            }
        }
    }
}
