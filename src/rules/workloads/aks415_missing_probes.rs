//! AKS415 missing-probes: a long-running container with neither a readiness nor a liveness probe.
//! Not long-running: Job and CronJob pods, bare Pods with `restartPolicy` `Never`/`OnFailure`,
//! ordinary init containers and ephemeral containers. A sidecar (init container with
//! `restartPolicy: Always`) is long-running.

use crate::declare_rule;
use crate::k8s::{Container, ContainerKind, Object};
use crate::rules::{Ctx, Rule, RuleMeta};

declare_rule!(MissingProbes, "AKS415");

const HELP: &str = "add a `readinessProbe` that answers only when the container can serve (e.g. `readinessProbe: {httpGet: {path: /healthz/ready, port: 8080}}`; `tcpSocket`, `grpc` or `exec` without HTTP) and, if the process can hang, a `livenessProbe` on a cheap endpoint";

/// A probe counts when it is a non-empty mapping (`{}` and null are no probe).
fn has_probe(c: &Container<'_, '_>, key: &str) -> bool {
    c.entry(key)
        .is_some_and(|e| c.doc.is_map(e.value) && !c.doc.entries(e.value).is_empty())
}

impl Rule for MissingProbes {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check(&self, obj: &Object<'_, '_>, cx: &mut Ctx<'_>) {
        if matches!(obj.kind, "Job" | "CronJob") {
            return;
        }
        let Some(pod) = obj.pod_spec() else { return };
        let doc = pod.doc;
        if obj.kind == "Pod"
            && let Some(rp) = pod.entry("restartPolicy").and_then(|e| doc.str(e.value))
            && matches!(rp, "Never" | "OnFailure")
        {
            return;
        }
        for c in pod.containers() {
            let sidecar = match c.kind {
                ContainerKind::Container => false,
                ContainerKind::Ephemeral => continue,
                ContainerKind::Init => {
                    let always = c
                        .entry("restartPolicy")
                        .and_then(|e| doc.str(e.value))
                        .is_some_and(|v| v == "Always");
                    if !always {
                        continue;
                    }
                    true
                }
            };
            if has_probe(&c, "readinessProbe") || has_probe(&c, "livenessProbe") {
                continue;
            }
            let who = if sidecar {
                format!(
                    "sidecar `{}` (init container with `restartPolicy: Always`)",
                    c.name
                )
            } else {
                c.describe()
            };
            let startup = if has_probe(&c, "startupProbe") {
                " (its startupProbe only delays the other two)"
            } else {
                ""
            };
            cx.report(
                c.anchor(),
                format!("{who} has neither a readiness nor a liveness probe{startup}: Kubernetes cannot tell when it is ready for traffic, nor restart it when it hangs"),
                HELP,
            );
        }
    }
}
