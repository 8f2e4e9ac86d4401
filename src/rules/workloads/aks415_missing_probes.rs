//! AKS415 missing-probes: a long-running server container with neither a readiness nor a liveness
//! probe. A server declares a `containerPort`, or is the one long-running container of a pod that
//! a scanned Service of its namespace selects (read from the cross-file index); a container whose
//! command only idles (`sleep`, `tail -f /dev/null`, `pause`, a `while true; do sleep` loop) never
//! is one. Not long-running: Job and
//! CronJob pods, bare Pods with `restartPolicy` `Never`/`OnFailure`, ordinary init containers and
//! ephemeral containers. A sidecar (init container with `restartPolicy: Always`) is long-running.

use crate::declare_rule;
use crate::index::{Index, NamespaceView, ObjectFacts, ServiceFacts};
use crate::k8s::Workload;
use crate::k8s::probes::unprobed;
use crate::k8s::selector::Labels;
use crate::rules::{IndexCtx, K8sCtx, Rule};
use std::collections::BTreeMap;

declare_rule!(MissingProbes, "AKS415", [Workloads, Index]);

const CONSEQUENCE: &str =
    "Kubernetes cannot tell when it is ready for traffic, nor restart it when it hangs";

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

    /// Containers that declare no port but serve a scanned Service: the Service sends its
    /// traffic to a port no container declares, and the pod has that one container to take it.
    /// When a container declares the port, it is the server (judged in its file); when several
    /// could take it (a sidecar beside the app), which one does is not known: silent.
    fn check_index(&self, index: &Index, cx: &mut IndexCtx<'_>) {
        for (_, ns) in index.namespaces() {
            // The finding rests on the workload and Services: all of them in this namespace.
            if !ns.in_report_scope() {
                continue;
            }
            let services = ServicesByLabel::of(&ns);
            let a_service_reported = ns.services().any(|(o, _)| index.in_report_scope(o));
            for (o, w) in ns.workloads() {
                let s = &w.serving;
                if s.unprobed.is_empty() || s.containers != 1 {
                    continue;
                }
                if !a_service_reported && !index.in_report_scope(o) {
                    continue;
                }
                let Some(labels) = &w.labels else { continue };
                let serving: Vec<_> = services
                    .selecting(labels)
                    .into_iter()
                    .filter(|(_, f)| {
                        f.targets
                            .as_ref()
                            .is_some_and(|t| !t.iter().any(|p| s.ports.contains(p)))
                    })
                    .map(|(svc, _)| svc)
                    .collect();
                let Some(first) = serving.first() else {
                    continue;
                };
                for c in &s.unprobed {
                    cx.report(
                        o,
                        &c.anchor,
                        &serving,
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
}

/// A namespace's Services that select pods, by the first label of their selector: the ones that
/// may select a pod are found from its labels, not by trying every Service on every pod.
struct ServicesByLabel<'i> {
    by_label: BTreeMap<(&'i str, &'i str), Vec<Numbered<'i>>>,
}

/// A Service, with its place among the namespace's Services.
type Numbered<'i> = (usize, &'i ObjectFacts, &'i ServiceFacts);

impl<'i> ServicesByLabel<'i> {
    fn of(ns: &NamespaceView<'i>) -> Self {
        let mut by_label: BTreeMap<_, Vec<_>> = BTreeMap::new();
        for (i, (o, f)) in ns.services().enumerate() {
            if let Some((k, v)) = f.selector.as_ref().and_then(|sel| sel.iter().next()) {
                by_label
                    .entry((k.as_str(), v.as_str()))
                    .or_default()
                    .push((i, o, f));
            }
        }
        ServicesByLabel { by_label }
    }

    /// The Services whose whole selector the labels meet, in (path, position) order.
    fn selecting(&self, labels: &Labels) -> Vec<(&'i ObjectFacts, &'i ServiceFacts)> {
        let mut found: Vec<_> = labels
            .iter()
            .filter_map(|(k, v)| self.by_label.get(&(k.as_str(), v.as_str())))
            .flatten()
            .filter(|(_, _, f)| {
                f.selector
                    .as_ref()
                    .is_some_and(|sel| sel.iter().all(|(k, v)| labels.get(k) == Some(v)))
            })
            .copied()
            .collect();
        found.sort_by_key(|(i, _, _)| *i);
        found.into_iter().map(|(_, o, f)| (o, f)).collect()
    }
}
