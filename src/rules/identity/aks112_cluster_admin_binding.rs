//! AKS112 cluster-admin-binding: a binding whose `roleRef` is the ClusterRole `cluster-admin`,
//! unless the binding's own name starts with `system:` (Kubernetes' bootstrap bindings). Reported
//! at `roleRef.name`.

use super::rbac::{self, BINDINGS, is_system_name};
use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{K8sCtx, Rule};

declare_rule!(ClusterAdminBinding, "AKS112", [Kinds(BINDINGS)]);

impl Rule for ClusterAdminBinding {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        if !rbac::is_binding(obj) || obj.name.is_some_and(is_system_name) {
            return;
        }
        let doc = obj.doc;
        let Some(role_ref) = doc.get(obj.node, "roleRef") else {
            return;
        };
        let Some(name) = doc.entry(role_ref, "name") else {
            return;
        };
        let kind = doc.get(role_ref, "kind").and_then(|k| doc.str(k));
        if kind != Some("ClusterRole") || doc.str(name.value) != Some("cluster-admin") {
            return;
        }
        let subjects: Vec<String> = rbac::subjects(obj).iter().map(|s| s.describe()).collect();
        let to = if subjects.is_empty() {
            "(no subjects yet)".to_string()
        } else {
            format!("to {}", rbac::list_names(&subjects, 4))
        };
        let (message, help) = if obj.kind == "ClusterRoleBinding" {
            (
                format!(
                    "{} grants `cluster-admin`, full control of every resource in the cluster, {to}",
                    rbac::describe(obj)
                ),
                "bind a ClusterRole that lists only the verbs and resources the subjects need (or the built-in `admin`, `edit` or `view` in a namespace's RoleBinding); give people cluster administration through Microsoft Entra ID (the Azure Kubernetes Service RBAC Cluster Admin role or the cluster's admin group), not in manifests",
            )
        } else {
            (
                format!(
                    "{} grants `cluster-admin` in namespace `{}` (full control of every resource in it and of the namespace itself, its Secrets, quotas and RoleBindings included) {to}",
                    rbac::describe(obj),
                    obj.namespace.unwrap_or("default")
                ),
                "reference the built-in ClusterRole `admin` (which cannot change the namespace's quotas or the namespace itself) or `edit`, or a Role that lists only the verbs and resources needed: `roleRef: {kind: ClusterRole, name: edit}`",
            )
        };
        cx.report(doc.entry_span(name), message, help);
    }
}
