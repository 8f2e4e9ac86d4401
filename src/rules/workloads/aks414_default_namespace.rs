//! AKS414 default-namespace: a workload without a namespace, or in `default`. The finding points
//! at the `namespace` key when there is one, else at `metadata` (else at `kind`).

use crate::declare_rule;
use crate::k8s::{Object, WORKLOAD_KINDS};
use crate::rules::{K8sCtx, Rule};

declare_rule!(DefaultNamespace, "AKS414", [Kinds(WORKLOAD_KINDS)]);

const HELP: &str = "set `metadata.namespace` to the application's own namespace (kustomize: `namespace:` in kustomization.yaml; Helm: `namespace: {{ .Release.Namespace }}` and `helm template --namespace …`)";

impl Rule for DefaultNamespace {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        let doc = obj.doc;
        let what = format!("{} `{}`", obj.kind, obj.name.unwrap_or("<unnamed>"));
        let ns = obj.metadata.and_then(|m| doc.entry(m.value, "namespace"));
        match ns {
            Some(e) => {
                let value = if doc.is_null(e.value) {
                    None
                } else {
                    doc.str(e.value).filter(|s| !s.is_empty())
                };
                match value {
                    Some("default") => {
                        cx.report(
                            doc.entry_span(e),
                            format!("{what} is in the `default` namespace, shared with everything else deployed without a namespace and usually without RBAC, NetworkPolicies or quotas of its own"),
                            HELP,
                        );
                    }
                    Some(_) => {}
                    None => {
                        cx.report(
                            doc.entry_span(e),
                            format!("{what} has an empty namespace: it lands in whatever namespace the kubectl context or pipeline points at, often `default`"),
                            HELP,
                        );
                    }
                }
            }
            None => {
                let span = match obj.metadata {
                    Some(m) => doc.span(m.key),
                    None => obj.anchor(),
                };
                cx.report(
                    span,
                    format!("{what} has no namespace: it lands in whatever namespace the kubectl context or pipeline points at, often `default`"),
                    HELP,
                );
            }
        }
    }
}
