//! AKS403 runs-as-root: effective `runAsNonRoot` not true, or effective `runAsUser: 0`. Judged per
//! container on the effective value (the container's own setting, else the pod's). Windows pods
//! are not exempt, but there root is an administrator account (ContainerAdministrator, SYSTEM in
//! a HostProcess pod) and the user is `windowsOptions.runAsUserName`: the message and the fix say
//! so.

use crate::declare_rule;
use crate::k8s::{Level, Workload};
use crate::rules::{K8sCtx, Rule};
use crate::yaml::{Entry, Style};

declare_rule!(RunsAsRoot, "AKS403", [Workloads]);

const HELP_WINDOWS: &str = "set `runAsNonRoot: true` in the pod's `securityContext` (every container inherits it) with a non-administrator account, `windowsOptions: {runAsUserName: ContainerUser}`; remove container-level `runAsNonRoot: false` overrides";

const HELP: &str = "set `runAsNonRoot: true` in the pod's `securityContext` (every container inherits it) and keep any `runAsUser` non-zero, e.g. `securityContext: {runAsNonRoot: true, runAsUser: 10001}`; remove container-level `runAsNonRoot: false` or `runAsUser: 0` overrides";

impl Rule for RunsAsRoot {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let (root, help) = match (w.windows, w.host_process()) {
            (_, true) => ("an administrator of the node (SYSTEM)", HELP_WINDOWS),
            (true, false) => (
                "ContainerAdministrator, the container's administrator",
                HELP_WINDOWS,
            ),
            (false, false) => ("root", HELP),
        };
        for c in &w.containers {
            let doc = c.doc;
            let non_root = c.effective(&["runAsNonRoot"]);
            let user = c.effective(&["runAsUser"]);
            let non_root_true = non_root.is_some_and(|(e, _)| doc.bool(e.value) == Some(true));
            let user_zero = user.is_some_and(|(e, _)| doc.int(e.value) == Some(0));
            if non_root_true && !user_zero {
                continue;
            }
            // The offending settings that are written somewhere, in document order.
            let mut items: Vec<(Entry, Level, &str)> = Vec::new();
            if let Some((e, level)) = non_root.filter(|_| !non_root_true) {
                items.push((e, level, "runAsNonRoot"));
            }
            if let Some((e, level)) = user.filter(|_| user_zero) {
                items.push((e, level, "runAsUser"));
            }
            items.sort_by_key(|(e, _, _)| doc.span(e.key).start);
            let Some(&(first, _, _)) = items.first() else {
                // runAsNonRoot is set nowhere.
                let message = match user.and_then(|(e, _)| doc.int(e.value)) {
                    Some(uid) => format!(
                        "{} does not set `runAsNonRoot: true` (nor does the pod); its non-zero `runAsUser: {uid}` alone does not satisfy the Pod Security Standards (restricted)",
                        c.describe()
                    ),
                    None => format!(
                        "{} may run as {root}: neither it nor the pod sets `runAsNonRoot: true`",
                        c.describe()
                    ),
                };
                cx.report(c.anchor(), message, help);
                continue;
            };
            let named: Vec<String> = items
                .iter()
                .map(|&(e, level, key)| {
                    let origin = match level {
                        Level::Container => "",
                        Level::Pod => " inherited from the pod",
                    };
                    format!("`{key}: {}`{origin}", doc.shown(e.value))
                })
                .collect();
            let verdict = if user_zero {
                "runs as root (UID 0)"
            } else {
                &format!("may run as {root}")
            };
            let mut message = format!("{} {verdict}: {}", c.describe(), named.join(" and "));
            if items
                .iter()
                .any(|&(e, _, _)| doc.style(e.value) == Some(Style::Quoted))
            {
                message.push_str(" (a quoted value is a string, which Kubernetes rejects here)");
            } else if !non_root_true && non_root.is_none() {
                message.push_str(", and `runAsNonRoot: true` is set nowhere");
            }
            cx.report(doc.entry_span(first), message, help);
        }
    }
}
