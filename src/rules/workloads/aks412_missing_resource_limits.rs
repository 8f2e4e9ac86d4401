//! AKS412 missing-resource-limits: a container or init container without
//! `resources.limits.cpu` or `resources.limits.memory` (ephemeral containers cannot declare them).

use crate::declare_rule;
use crate::k8s::{ContainerKind, Workload};
use crate::rules::{K8sCtx, Rule};

declare_rule!(MissingResourceLimits, "AKS412", [Workloads]);

impl Rule for MissingResourceLimits {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        let pod = &w.pod;
        let doc = pod.doc;
        for c in &w.containers {
            if c.kind == ContainerKind::Ephemeral {
                continue;
            }
            let has = |key: &str| {
                c.entry_at(&["resources", "limits", key]).is_some_and(|e| {
                    !doc.is_null(e.value) && doc.str(e.value).is_none_or(|s| !s.trim().is_empty())
                })
            };
            let (cpu, memory) = (has("cpu"), has("memory"));
            let (what, help) = match (cpu, memory) {
                (true, true) => continue,
                (false, true) => (
                    "no CPU limit (`resources.limits.cpu`)",
                    "add `resources.limits.cpu` sized from observed usage, e.g. `limits: {cpu: 500m}` next to the memory limit",
                ),
                (true, false) => (
                    "no memory limit (`resources.limits.memory`)",
                    "add `resources.limits.memory` sized from observed usage, e.g. `limits: {memory: 256Mi}` next to the CPU limit",
                ),
                (false, false) => (
                    "no CPU or memory limit (`resources.limits.cpu`, `resources.limits.memory`)",
                    "add both limits, sized from observed usage: `resources: {limits: {cpu: 500m, memory: 256Mi}}`",
                ),
            };
            cx.report(c.anchor(), format!("{} has {what}", c.describe()), help);
        }
    }
}
