//! AKS121 broad-builtin-role-binding: a ClusterRoleBinding to the built-in ClusterRole `admin` or
//! `edit`, which Kubernetes meant to be bound per namespace: cluster-wide, it covers every
//! namespace, `kube-system` included. At `roleRef.name`. `cluster-admin` is AKS112's; bindings
//! named `system:…` are Kubernetes' own.

use super::rbac::{self, is_system_name};
use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{K8sCtx, Rule};

declare_rule!(
    BroadBuiltinRoleBinding,
    "AKS121",
    [Kinds(&["ClusterRoleBinding"])]
);

impl Rule for BroadBuiltinRoleBinding {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        if !rbac::is_binding(obj) || obj.name.is_some_and(is_system_name) {
            return;
        }
        let Some(role) = rbac::role_ref(obj) else {
            return;
        };
        let grants = match (role.kind, role.name) {
            (Some("ClusterRole"), "admin") => {
                "read and write access to nearly everything in every namespace, Secrets, Roles and RoleBindings included"
            }
            (Some("ClusterRole"), "edit") => {
                "write access to most objects of every namespace, Secrets included, and the service accounts that run there"
            }
            _ => return,
        };
        let subjects: Vec<String> = rbac::subjects(obj).iter().map(|s| s.describe()).collect();
        let to = if subjects.is_empty() {
            "(no subjects yet)".to_string()
        } else {
            format!("to {}", rbac::list_names(&subjects, 4))
        };
        cx.report(
            obj.doc.entry_span(role.name_entry),
            format!(
                "{} grants the built-in ClusterRole `{}` cluster-wide {to}: {grants}, `kube-system` included",
                rbac::describe(obj),
                role.name
            ),
            format!(
                "bind `{}` per namespace with a RoleBinding in each namespace that needs it (`kind: RoleBinding`, `metadata: {{namespace: <ns>}}`, `roleRef: {{kind: ClusterRole, name: {}}}`)",
                role.name, role.name
            ),
        );
    }
}
