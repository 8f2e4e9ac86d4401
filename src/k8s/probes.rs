//! The long-running containers of a workload that have neither a readiness nor a liveness probe:
//! what AKS415 judges, within a file (servers that declare a `containerPort`) and across files
//! (containers of pods that a Service selects). Not long-running: Job and CronJob pods, bare Pods
//! with `restartPolicy` `Never`/`OnFailure`, ordinary init containers and ephemeral containers; a
//! sidecar (init container with `restartPolicy: Always`) is long-running. A container whose
//! command only idles (`sleep`, `tail -f /dev/null`, `pause`, a `while true; do sleep` loop)
//! serves nothing and is left out.

use super::{Container, ContainerKind, Workload};

/// A long-running container that does not idle: one that may serve.
pub struct LongRunning<'w, 'd, 't> {
    pub container: &'w Container<'d, 't>,
    /// An init container with `restartPolicy: Always`.
    pub sidecar: bool,
    /// It has a readiness or a liveness probe.
    pub probed: bool,
    /// It has a `startupProbe`, which only delays the other two.
    pub startup: bool,
    /// It declares a `containerPort` (whatever its value): a server.
    pub serves: bool,
    /// Its `ports`: each `containerPort` number, and its `name`.
    pub ports: Vec<(Option<i64>, Option<String>)>,
}

impl LongRunning<'_, '_, '_> {
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

/// The workload's long-running containers that do not idle, in container order.
pub fn long_running<'w, 'd, 't>(w: &'w Workload<'d, 't>) -> Vec<LongRunning<'w, 'd, 't>> {
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
        if idles(c) {
            continue;
        }
        out.push(LongRunning {
            container: c,
            sidecar,
            probed: has_probe(c, "readinessProbe") || has_probe(c, "livenessProbe"),
            startup: has_probe(c, "startupProbe"),
            serves: serves(c),
            ports: ports(c),
        });
    }
    out
}

/// The workload's long-running containers without probes, in container order.
pub fn unprobed<'w, 'd, 't>(w: &'w Workload<'d, 't>) -> Vec<LongRunning<'w, 'd, 't>> {
    long_running(w).into_iter().filter(|c| !c.probed).collect()
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

/// A container's declared ports: (`containerPort`, `name`) of each entry that has either.
fn ports(c: &Container<'_, '_>) -> Vec<(Option<i64>, Option<String>)> {
    let doc = c.doc;
    let Some(p) = c.entry("ports") else {
        return Vec::new();
    };
    doc.seq(p.value)
        .filter_map(|port| {
            let number = doc.get(port, "containerPort").and_then(|v| doc.int(v));
            let name = doc
                .get(port, "name")
                .and_then(|v| doc.str(v))
                .map(str::to_string);
            (number.is_some() || name.is_some()).then_some((number, name))
        })
        .collect()
}

const SHELLS: [&str; 4] = ["sh", "bash", "ash", "dash"];

/// A container whose command only idles: `sleep …`, `pause`, `tail -f /dev/null`, or a
/// `while true; do sleep …; done` loop, directly or as a shell's `-c` script (`exec` aside).
/// Judged on `command` (with `args`) only: without one, the image's entrypoint runs.
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
        [shell, flag, rest @ ..]
            if SHELLS.contains(&base(shell).as_str())
                && flag.starts_with('-')
                && flag.ends_with('c') =>
        {
            // `sh -c -- 'script'`: the `--` ends the options.
            let rest = rest.strip_prefix(&["--"]).unwrap_or(rest);
            match rest {
                [script] => script
                    .split(|c: char| c.is_whitespace() || c == ';')
                    .filter(|w| !w.is_empty())
                    .collect(),
                _ => return false,
            }
        }
        _ => words,
    };
    let script = match script.as_slice() {
        ["exec", rest @ ..] => rest,
        all => all,
    };
    match script {
        // `sleep 5 && exec server` waits, then serves: only a sleep alone idles.
        [sleep, _] | [sleep] if base(sleep) == "sleep" => true,
        [pause] => base(pause) == "pause",
        [tail, "-f", "/dev/null"] => base(tail) == "tail",
        ["while", "true" | ":", "do", sleep, _, "done"] => base(sleep) == "sleep",
        _ => false,
    }
}
