//! AKS415 missing-probes: a long-running server container with neither a readiness nor a liveness
//! probe. A server declares a `containerPort`; a container whose command only idles (`sleep`,
//! `tail -f /dev/null`, `pause`) never is one. (A container of a pod that a scanned Service
//! selects is a server too: that half needs the cross-file index.) Not long-running: Job and
//! CronJob pods, bare Pods with `restartPolicy` `Never`/`OnFailure`, ordinary init containers and
//! ephemeral containers. A sidecar (init container with `restartPolicy: Always`) is long-running.

use crate::declare_rule;
use crate::k8s::{Container, ContainerKind, Workload};
use crate::rules::{K8sCtx, Rule};

declare_rule!(MissingProbes, "AKS415", [Workloads]);

const HELP: &str = "add a `readinessProbe` that answers only when the container can serve (e.g. `readinessProbe: {httpGet: {path: /healthz/ready, port: 8080}}`; `tcpSocket`, `grpc` or `exec` without HTTP) and, if the process can hang, a `livenessProbe` on a cheap endpoint";

/// A probe counts when it is a non-empty mapping (`{}` and null are no probe).
fn has_probe(c: &Container<'_, '_>, key: &str) -> bool {
    c.entry(key)
        .is_some_and(|e| c.doc.is_map(e.value) && !c.doc.entries(e.value).is_empty())
}

/// A container that declares a `containerPort`.
fn serves(c: &Container<'_, '_>) -> bool {
    let doc = c.doc;
    c.entry("ports").is_some_and(|p| {
        doc.seq(p.value).any(|port| {
            doc.get(port, "containerPort")
                .is_some_and(|v| !doc.is_null(v))
        })
    })
}

/// A container whose command only idles: `sleep …`, `pause`, `tail -f /dev/null`, directly or as
/// a shell's `-c` script (`exec` aside). Judged on `command` (with `args`) only: without one, the
/// image's entrypoint runs.
fn idles(c: &Container<'_, '_>) -> bool {
    let doc = c.doc;
    let strings = |key: &str| -> Vec<&str> {
        c.entry(key)
            .map(|e| doc.seq(e.value).filter_map(|i| doc.str(i)).collect())
            .unwrap_or_default()
    };
    let command = strings("command");
    if command.is_empty() {
        return false;
    }
    let words: Vec<&str> = command.into_iter().chain(strings("args")).collect();
    let base = |w: &str| w.rsplit('/').next().unwrap_or(w).to_string();
    let script: Vec<&str> = match words.as_slice() {
        [shell, flag, script]
            if SHELLS.contains(&base(shell).as_str())
                && flag.starts_with('-')
                && flag.ends_with('c') =>
        {
            script.split_whitespace().collect()
        }
        _ => words,
    };
    let script = match script.as_slice() {
        ["exec", rest @ ..] => rest,
        all => all,
    };
    match script {
        [first, ..] if matches!(base(first).as_str(), "sleep" | "pause") => true,
        [tail, "-f", "/dev/null"] => base(tail) == "tail",
        _ => false,
    }
}

const SHELLS: [&str; 4] = ["sh", "bash", "ash", "dash"];

impl Rule for MissingProbes {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        if matches!(w.obj.kind, "Job" | "CronJob") {
            return;
        }
        let pod = &w.pod;
        let doc = pod.doc;
        if w.obj.kind == "Pod"
            && let Some(rp) = pod.entry("restartPolicy").and_then(|e| doc.str(e.value))
            && matches!(rp, "Never" | "OnFailure")
        {
            return;
        }
        for c in &w.containers {
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
            if !serves(c) || idles(c) {
                continue;
            }
            if has_probe(c, "readinessProbe") || has_probe(c, "livenessProbe") {
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
            let startup = if has_probe(c, "startupProbe") {
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
