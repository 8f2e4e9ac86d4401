//! AKS405 capabilities-not-dropped: `capabilities.drop` does not contain `ALL` (matched
//! case-insensitively, with or without `CAP_`). Windows pods are exempt.

use crate::declare_rule;
use crate::k8s::{Object, PodSpec};
use crate::rules::{Ctx, Rule, RuleMeta};

declare_rule!(CapabilitiesNotDropped, "AKS405");

const HELP: &str = "add `capabilities: {drop: [\"ALL\"]}` under the container's `securityContext`; add back only what the process needs (Pod Security Standards restricted allows `add: [\"NET_BIND_SERVICE\"]` alone)";

/// A capability name as the runtime reads it: upper case, without the `CAP_` prefix.
fn capability(name: &str) -> String {
    let upper = name.trim().to_ascii_uppercase();
    match upper.strip_prefix("CAP_") {
        Some(rest) => rest.to_string(),
        None => upper,
    }
}

impl Rule for CapabilitiesNotDropped {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check(&self, obj: &Object<'_, '_>, cx: &mut Ctx<'_>) {
        let Some(pod) = obj.pod_spec() else { return };
        if is_windows(&pod) {
            return;
        }
        for c in pod.containers() {
            let doc = c.doc;
            let Some(drop) = c
                .security_context(&["capabilities", "drop"])
                .filter(|e| !doc.is_null(e.value))
            else {
                cx.report(
                    c.anchor(),
                    format!(
                        "{} keeps the runtime's default capabilities (NET_RAW, CHOWN, SETUID…): it has no `capabilities.drop: [\"ALL\"]`",
                        c.describe()
                    ),
                    HELP,
                );
                continue;
            };
            let names: Vec<&str> = doc.seq(drop.value).filter_map(|i| doc.str(i)).collect();
            if names.iter().any(|n| capability(n) == "ALL") {
                continue;
            }
            let message = if names.is_empty() {
                format!(
                    "{} drops no capabilities: `capabilities.drop` does not contain `ALL`",
                    c.describe()
                )
            } else {
                format!(
                    "{} drops only {} instead of `ALL`: it keeps the rest of the runtime's default capabilities",
                    c.describe(),
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            cx.report(doc.entry_span(drop), message, HELP);
        }
    }
}

/// Is this a Windows pod? `PodSpec::is_windows` (`spec.os.name`, `kubernetes.io/os` node selector)
/// plus what real manifests use to land on Windows nodes: the deprecated `beta.kubernetes.io/os`
/// selector, AKS's `kubernetes.azure.com/os-sku: Windows2022` and a required node affinity whose
/// every term demands `kubernetes.io/os In [windows]`.
fn is_windows(pod: &PodSpec<'_, '_>) -> bool {
    if pod.is_windows() {
        return true;
    }
    let doc = pod.doc;
    let selector = |key: &str| {
        doc.get_at(pod.node, &["nodeSelector", key])
            .and_then(|v| doc.str(v))
            .map(str::to_ascii_lowercase)
    };
    if selector("beta.kubernetes.io/os").as_deref() == Some("windows")
        || selector("kubernetes.azure.com/os-sku").is_some_and(|s| s.starts_with("windows"))
    {
        return true;
    }
    let Some(terms) = doc.get_at(
        pod.node,
        &[
            "affinity",
            "nodeAffinity",
            "requiredDuringSchedulingIgnoredDuringExecution",
            "nodeSelectorTerms",
        ],
    ) else {
        return false;
    };
    let mut terms = doc.seq(terms).peekable();
    terms.peek().is_some()
        && terms.all(|t| {
            let Some(exprs) = doc.get(t, "matchExpressions") else {
                return false;
            };
            doc.seq(exprs).any(|x| {
                let s = |k: &str| doc.get(x, k).and_then(|v| doc.str(v));
                let values: Vec<&str> = doc
                    .get(x, "values")
                    .map(|v| doc.seq(v).filter_map(|i| doc.str(i)).collect())
                    .unwrap_or_default();
                matches!(s("key"), Some("kubernetes.io/os" | "beta.kubernetes.io/os"))
                    && s("operator") == Some("In")
                    && !values.is_empty()
                    && values.iter().all(|v| v.eq_ignore_ascii_case("windows"))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::capability;

    #[test]
    fn capability_names_ignore_case_and_prefix() {
        assert_eq!(capability("ALL"), "ALL");
        assert_eq!(capability("all"), "ALL");
        assert_eq!(capability("cap_all"), "ALL");
        assert_eq!(capability(" CAP_SYS_ADMIN "), "SYS_ADMIN");
        assert_eq!(capability("CAP_ALLX"), "ALLX");
        assert_eq!(capability("NOT_ALL"), "NOT_ALL");
    }
}
