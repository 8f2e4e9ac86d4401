//! AKS113 wildcard-rbac: `*` in the `verbs`, `resources` or `apiGroups` of a Role or ClusterRole
//! rule. One finding per `rules[]` entry, at the first `*` in document order, naming every field
//! that holds one. Only a bare `*` counts: `*/scale` (one subresource of every resource) is a
//! narrow, common grant, and so is `apiGroups: ["*"]` when every resource is such a `*/…`
//! (the only way to write it). Kubernetes' own roles (`system:…`, and the ClusterRoles `cluster-admin`, `admin`, `edit`,
//! `view`) are skipped.

use super::rbac::{self, Item, ROLES};
use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{K8sCtx, Rule};

declare_rule!(WildcardRbac, "AKS113", [Kinds(ROLES)]);

impl Rule for WildcardRbac {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        if !rbac::is_role(obj) || rbac::is_default_role(obj) {
            return;
        }
        let doc = obj.doc;
        for rule in rbac::policy_rules(obj) {
            let star = |items: &[Item<'_>]| items.iter().find(|i| i.value == "*").map(|i| i.node);
            // `apiGroups: ["*"]` with only `*/scale`-like resources is the one way to grant a
            // subresource of every resource (autoscalers): as narrow as `*/scale` itself.
            let only_subresources = !rule.resources.is_empty()
                && rule.resources.iter().all(|r| r.value.starts_with("*/"));
            let groups_star = if only_subresources {
                None
            } else {
                star(&rule.api_groups)
            };
            let resources_what = if rule.group("").is_some() {
                "every resource of those groups (Secrets and subresources such as `pods/exec` included)"
            } else {
                "every resource of those groups, subresources and resources added later included"
            };
            let fields: Vec<(&str, u32, &str, &str)> = [
                (
                    "verbs",
                    star(&rule.verbs),
                    "every verb (`delete`, `deletecollection` and the special verbs such as `escalate` included)",
                    "verbs: [\"get\", \"list\", \"watch\"]",
                ),
                (
                    "resources",
                    star(&rule.resources),
                    resources_what,
                    "resources: [\"deployments\"]",
                ),
                (
                    "apiGroups",
                    groups_star,
                    "every API group, with the custom resources installed later",
                    "apiGroups: [\"apps\"]",
                ),
            ]
            .into_iter()
            .filter_map(|(f, n, what, fix)| n.map(|n| (f, n, what, fix)))
            .collect();
            let Some(first) = fields
                .iter()
                .map(|f| f.1)
                .min_by_key(|&n| doc.span(n).start)
            else {
                continue;
            };
            let names: Vec<String> = fields.iter().map(|f| format!("`{}`", f.0)).collect();
            let grants: Vec<&str> = fields.iter().map(|f| f.2).collect();
            let fixes: Vec<&str> = fields.iter().map(|f| f.3).collect();
            cx.report(
                doc.span(first),
                format!(
                    "{} rules[{}] uses `*` in {}: it grants {}",
                    rbac::describe(obj),
                    rule.index,
                    rbac::list_names(&names, 3),
                    rbac::list_names(&grants, 3),
                ),
                format!(
                    "list exactly what the subjects need instead of `*`, e.g. `{}`",
                    fixes.join("`, `")
                ),
            );
        }
    }
}
