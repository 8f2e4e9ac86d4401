//! AKS402 privilege-escalation-allowed: `allowPrivilegeEscalation` not `false` (absent counts).
//! A container-level field only; Windows pods are exempt.

use crate::declare_rule;
use crate::k8s::Object;
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
        if pod.is_windows() {
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
