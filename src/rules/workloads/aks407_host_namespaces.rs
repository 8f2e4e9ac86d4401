//! AKS407 host-namespaces: `hostNetwork`, `hostPID` or `hostIPC` true. Once per pod spec, at the
//! first in document order; the message names them all. A Windows HostProcess pod must use the
//! node's network: its `hostNetwork` is part of AKS417's finding, not reported here.

use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};

declare_rule!(HostNamespaces, "AKS407", [Workloads]);

const FIELDS: &[(&str, &str)] = &[
    ("hostNetwork", "network"),
    ("hostPID", "process (PID)"),
    ("hostIPC", "IPC"),
];

const HELP: &str = "remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec (or set them to `false`); expose the pod through a Service instead of the node's network";

impl Rule for HostNamespaces {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let pod = &w.pod;
        let doc = pod.doc;
        let host_process = w.host_process();
        let mut hits: Vec<_> = FIELDS
            .iter()
            .filter(|&&(key, _)| !(host_process && key == "hostNetwork"))
            .filter_map(|&(key, what)| {
                pod.entry(key)
                    .filter(|e| doc.bool(e.value) == Some(true))
                    .map(|e| (e, key, what))
            })
            .collect();
        hits.sort_by_key(|(e, _, _)| doc.span(e.key).start);
        let Some(&(first, _, _)) = hits.first() else {
            return;
        };
        let whats: Vec<&str> = hits.iter().map(|&(_, _, w)| w).collect();
        let keys: Vec<String> = hits
            .iter()
            .map(|&(_, k, _)| format!("`{k}: true`"))
            .collect();
        let namespaces = match whats.as_slice() {
            [one] => format!("{one} namespace"),
            [a, b] => format!("{a} and {b} namespaces"),
            [a, b, c] => format!("{a}, {b} and {c} namespaces"),
            _ => unreachable!("three host namespaces at most"),
        };
        cx.report(
            doc.entry_span(first),
            format!(
                "the pod shares the node's {namespaces} ({})",
                keys.join(", ")
            ),
            HELP,
        );
    }
}
