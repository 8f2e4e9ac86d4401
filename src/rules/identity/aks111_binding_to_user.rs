//! AKS111 binding-to-user: a RoleBinding or ClusterRoleBinding subject of kind `User`. One finding
//! per such subject, at its `kind` entry. Users named `system:…` (Kubernetes' own components,
//! `system:kube-scheduler`, `system:serviceaccount:…`) are not people and stay silent.

use super::rbac::{self, BINDINGS, is_system_name};
use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{K8sCtx, Rule};

declare_rule!(BindingToUser, "AKS111", [Kinds(BINDINGS)]);

impl Rule for BindingToUser {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        if !rbac::is_binding(obj) {
            return;
        }
        let doc = obj.doc;
        let role = doc.get(obj.node, "roleRef").map(|r| {
            let s = |k: &str| doc.get(r, k).and_then(|v| doc.str(v)).unwrap_or("?");
            format!("the {} `{}`", s("kind"), s("name"))
        });
        for s in rbac::subjects(obj) {
            if s.kind != "User" || is_system_name(s.name) {
                continue;
            }
            cx.report(
                doc.entry_span(s.kind_entry),
                format!(
                    "{} grants {} to the individual user `{}`: access then follows people one by one instead of group membership",
                    rbac::describe(obj),
                    role.as_deref().unwrap_or("its role"),
                    s.name
                ),
                "bind a Microsoft Entra ID group instead and manage membership in Entra ID: `- kind: Group`, `apiGroup: rbac.authorization.k8s.io`, `name: \"<group object ID>\"`",
            );
        }
    }
}
