//! AKS402 privilege-escalation-allowed: `allowPrivilegeEscalation` not `false` (absent counts).
//! A container-level field only; Windows pods are exempt.

use crate::declare_rule;
use crate::k8s::{Object, PodSpec};
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::yaml::{Document, NodeId, Style};

declare_rule!(PrivilegeEscalationAllowed, "AKS402");

const HELP: &str = "add `allowPrivilegeEscalation: false` under the container's `securityContext` (there is no pod-level field: every container, init and ephemeral container needs it)";

impl Rule for PrivilegeEscalationAllowed {
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
            match c.security_context(&["allowPrivilegeEscalation"]) {
                Some(e) if doc.bool(e.value) == Some(false) => {}
                Some(e) if !doc.is_null(e.value) => {
                    let message = if doc.style(e.value) == Some(Style::Quoted) {
                        format!(
                            "{} sets `allowPrivilegeEscalation: {}`, a string where Kubernetes expects the boolean `false`",
                            c.describe(),
                            shown(doc, e.value)
                        )
                    } else {
                        format!(
                            "{} allows privilege escalation (`allowPrivilegeEscalation: {}`)",
                            c.describe(),
                            shown(doc, e.value)
                        )
                    };
                    cx.report(doc.entry_span(e), message, HELP);
                }
                Some(e) => {
                    cx.report(
                        doc.entry_span(e),
                        format!(
                            "{} leaves `allowPrivilegeEscalation` empty; Kubernetes defaults it to true",
                            c.describe()
                        ),
                        HELP,
                    );
                }
                None => {
                    cx.report(
                        c.anchor(),
                        format!(
                            "{} does not set `allowPrivilegeEscalation: false`; Kubernetes defaults it to true",
                            c.describe()
                        ),
                        HELP,
                    );
                }
            }
        }
    }
}

/// A value as written: scalars verbatim (quoted ones in quotes), collections abbreviated.
fn shown(doc: &Document<'_>, v: NodeId) -> String {
    match (doc.str(v), doc.style(v)) {
        (Some(s), Some(Style::Quoted)) => format!("\"{s}\""),
        (Some(s), _) => s.to_string(),
        (None, _) if doc.is_map(v) => "{…}".to_string(),
        (None, _) => "[…]".to_string(),
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
    use super::*;
    use crate::yaml::{YamlLimits, parse_file};

    #[test]
    fn shown_quotes_strings_and_abbreviates_collections() {
        let text = "a: \"false\"\nb: yes\nc: {x: 1}\nd: [1]\n";
        let f = parse_file(text, &YamlLimits::default());
        let doc = f.docs[0].as_ref().unwrap();
        let root = doc.root.unwrap();
        let v = |k| doc.get(root, k).unwrap();
        assert_eq!(shown(doc, v("a")), "\"false\"");
        assert_eq!(shown(doc, v("b")), "yes");
        assert_eq!(shown(doc, v("c")), "{…}");
        assert_eq!(shown(doc, v("d")), "[…]");
    }
}
