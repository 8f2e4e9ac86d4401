//! The long-running containers of a workload that have neither a readiness nor a liveness probe:
//! what AKS415 judges, within a file (servers that declare a `containerPort`) and across files
//! (containers of pods that a Service selects). Not long-running: Job and CronJob pods, bare Pods
//! with `restartPolicy` `Never`/`OnFailure`, ordinary init containers and ephemeral containers; a
//! sidecar (init container with `restartPolicy: Always`) is long-running. A container whose
//! command only idles (`sleep`, `tail -f /dev/null`, `pause`) serves nothing and is left out.

use super::{Container, ContainerKind, Workload};

/// A long-running container without a readiness or liveness probe.
pub struct Unprobed<'w, 'd, 't> {
    pub container: &'w Container<'d, 't>,
    /// An init container with `restartPolicy: Always`.
    pub sidecar: bool,
    /// It declares a `containerPort`.
    pub serves: bool,
    /// It has a `startupProbe`, which only delays the other two.
    pub startup: bool,
}

impl Unprobed<'_, '_, '_> {
    /// `container `web``, or `sidecar `proxy` (init container with `restartPolicy: Always`)`.
    pub fn describe(&self) -> String {
        if self.sidecar {
            format!(
                "sidecar `{}` (init container with `restartPolicy: Always`)",
                self.container.name
            )
        } else {
            self.container.describe()
        }
    }
}

/// The workload's long-running containers without probes, in container order.
pub fn unprobed<'w, 'd, 't>(w: &'w Workload<'d, 't>) -> Vec<Unprobed<'w, 'd, 't>> {
    if matches!(w.obj.kind, "Job" | "CronJob") {
        return Vec::new();
    }
    let doc = w.pod.doc;
    if w.obj.kind == "Pod"
        && let Some(rp) = w.pod.entry("restartPolicy").and_then(|e| doc.str(e.value))
        && matches!(rp, "Never" | "OnFailure")
    {
        return Vec::new();
    }
    let mut out = Vec::new();
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
        if idles(c) || has_probe(c, "readinessProbe") || has_probe(c, "livenessProbe") {
            continue;
        }
        out.push(Unprobed {
            container: c,
            sidecar,
            serves: serves(c),
            startup: has_probe(c, "startupProbe"),
        });
    }
    out
}

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

const SHELLS: [&str; 4] = ["sh", "bash", "ash", "dash"];

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
