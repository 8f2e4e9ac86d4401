//! AKS415 missing-probes: a long-running server container with neither a readiness nor a liveness
//! probe. A server declares a `containerPort`, or belongs to a pod that a scanned Service of its
//! namespace selects (read from the cross-file index); a container whose command only idles
//! (`sleep`, `tail -f /dev/null`, `pause`) never is one. Not long-running: Job and
//! CronJob pods, bare Pods with `restartPolicy` `Never`/`OnFailure`, ordinary init containers and
//! ephemeral containers. A sidecar (init container with `restartPolicy: Always`) is long-running.

use crate::declare_rule;
use crate::index::Index;
use crate::k8s::Workload;
use crate::k8s::probes::unprobed;
use crate::rules::{IndexCtx, K8sCtx, Rule};

declare_rule!(MissingProbes, "AKS415", [Workloads, Index]);

const CONSEQUENCE: &str = "Kubernetes cannot tell when it is ready for traffic, nor restart it when it hangs";

const HELP: &str = "add a `readinessProbe` that answers only when the container can serve (e.g. `readinessProbe: {httpGet: {path: /healthz/ready, port: 8080}}`; `tcpSocket`, `grpc` or `exec` without HTTP) and, if the process can hang, a `livenessProbe` on a cheap endpoint";

impl Rule for MissingProbes {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        for u in unprobed(w).into_iter().filter(|u| u.serves) {
            let startup = if u.startup {
                " (its startupProbe only delays the other two)"
            } else {
                ""
            };
            cx.report(
                u.container.anchor(),
                format!(
                    "{} has neither a readiness nor a liveness probe{startup}: {CONSEQUENCE}",
                    u.describe()
                ),
                HELP,
            );
        }
    }

    /// Containers that declare no port but serve a scanned Service.
    fn check_index(&self, index: &Index, cx: &mut IndexCtx<'_>) {
        for (o, w) in index.workloads() {
            if w.unprobed.is_empty() {
                continue;
            }
            let Some(labels) = &w.labels else { continue };
            let services: Vec<_> = index
                .services()
                .filter(|(s, f)| {
                    s.namespace == o.namespace
                        && f.selector
                            .as_ref()
                            .is_some_and(|sel| !sel.is_empty() && sel.iter().all(|(k, v)| labels.get(k) == Some(v)))
                })
                .map(|(s, _)| s)
                .collect();
            let Some(first) = services.first() else {
                continue;
            };
            for c in &w.unprobed {
                cx.report(
                    o,
                    &c.anchor,
                    &services,
                    format!(
                        "{} has neither a readiness nor a liveness probe{} and serves {}: {CONSEQUENCE}",
                        c.describe, c.startup_note, first.label
                    ),
                    HELP,
                );
            }
        }
    }
}
