//! A container-level boolean of `securityContext` that must hold one value, absent counting as
//! wrong (AKS402 `allowPrivilegeEscalation: false`, AKS404 `readOnlyRootFilesystem: true`).
//! There is no pod-level field to inherit from; Windows pods are exempt, and privileged
//! containers are AKS401's alone.

use crate::k8s::Workload;
use crate::rules::K8sCtx;
use crate::yaml::Style;

pub struct RequiredFlag {
    pub key: &'static str,
    pub want: bool,
    /// After the container: "allows privilege escalation".
    pub wrong: &'static str,
    /// After "leaves `key` empty; ".
    pub when_empty: &'static str,
    /// After the container, when the key is not written.
    pub when_missing: &'static str,
    pub help: &'static str,
}

impl RequiredFlag {
    pub fn check(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        if w.windows {
            return;
        }
        let key = self.key;
        for c in w.unprivileged() {
            let doc = c.doc;
            let (span, message) = match c.security_context(&[key]) {
                Some(e) if doc.bool(e.value) == Some(self.want) => continue,
                Some(e) if !doc.is_null(e.value) => {
                    let shown = doc.shown(e.value);
                    let message = if doc.style(e.value) == Some(Style::Quoted) {
                        format!(
                            "{} sets `{key}: {shown}`, a string where Kubernetes expects the boolean `{}`",
                            c.describe(),
                            self.want
                        )
                    } else {
                        format!("{} {} (`{key}: {shown}`)", c.describe(), self.wrong)
                    };
                    (doc.entry_span(e), message)
                }
                Some(e) => (
                    doc.entry_span(e),
                    format!("{} leaves `{key}` empty; {}", c.describe(), self.when_empty),
                ),
                None => (
                    c.anchor(),
                    format!("{} {}", c.describe(), self.when_missing),
                ),
            };
            cx.report(span, message, self.help);
        }
    }
}
