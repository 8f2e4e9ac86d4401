//! AKS410 seccomp-not-runtime-default: the effective seccomp profile of a container (its own
//! `securityContext.seccompProfile.type`, else the pod's) is missing, `Unconfined`, or not a
//! valid type. Windows pods are exempt; a privileged container runs unconfined whatever its
//! profile, and is AKS401's alone.

use crate::declare_rule;
use crate::k8s::{Level, Workload};
use crate::rules::{K8sCtx, Rule};

declare_rule!(SeccompNotRuntimeDefault, "AKS410", [Workloads]);

const LEGACY_POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";

const POD_FIX: &str = "set the profile once for the pod: `spec.securityContext.seccompProfile: {type: RuntimeDefault}` (every container inherits it); use `type: Localhost` with `localhostProfile` for a custom profile";

impl Rule for SeccompNotRuntimeDefault {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let pod = &w.pod;
        if w.windows {
            return;
        }
        let doc = pod.doc;
        for c in w.unprivileged() {
            let path = ["seccompProfile", "type"];
            let Some((e, level)) = c.effective(&path) else {
                // The alpha annotations have had no effect since Kubernetes 1.27: say so.
                let container_key =
                    format!("container.seccomp.security.alpha.kubernetes.io/{}", c.name);
                let legacy = [LEGACY_POD_ANNOTATION, container_key.as_str()]
                    .into_iter()
                    .find(|k| pod.annotation(k).is_some())
                    .map(|k| {
                        format!(" (the `{k}` annotation has had no effect since Kubernetes 1.27)")
                    })
                    .unwrap_or_default();
                cx.report(
                    c.anchor(),
                    format!(
                        "{} has no seccomp profile: neither it nor the pod sets `seccompProfile.type`, so it runs Unconfined{legacy}",
                        c.describe()
                    ),
                    POD_FIX,
                );
                continue;
            };
            let value = doc.str(e.value);
            if matches!(value, Some("RuntimeDefault" | "Localhost")) {
                continue;
            }
            let what = match value {
                Some("Unconfined") => "`Unconfined`: its system calls are not filtered".to_string(),
                Some(v) => format!(
                    "`{v}`, which is not a seccomp profile type (Kubernetes accepts `RuntimeDefault`, `Localhost` or `Unconfined`, case-sensitive)"
                ),
                None => "a value that is not a string".to_string(),
            };
            let (message, help) = match level {
                Level::Container => (
                    format!("{} sets seccomp profile type {what}", c.describe()),
                    "set `securityContext.seccompProfile.type: RuntimeDefault` on the container, or remove the container's seccompProfile so it inherits a `RuntimeDefault` profile set once in `spec.securityContext`",
                ),
                Level::Pod => (
                    format!(
                        "{} inherits the pod's seccomp profile type {what}",
                        c.describe()
                    ),
                    "set `spec.securityContext.seccompProfile.type: RuntimeDefault` (or `Localhost` with `localhostProfile`)",
                ),
            };
            cx.report(doc.entry_span(e), message, help);
        }
    }
}
