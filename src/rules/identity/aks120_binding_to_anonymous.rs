//! AKS120 binding-to-anonymous: a RoleBinding or ClusterRoleBinding subject that stands for
//! everyone — `system:anonymous` (User), `system:unauthenticated` (Group) or
//! `system:authenticated` (Group) — bound to a role not named `system:…` (Kubernetes' bootstrap
//! bindings bind only those). One finding per such subject, at its `kind` entry.

use super::rbac::{self, BINDINGS, is_system_name};
use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{K8sCtx, Rule};

declare_rule!(BindingToAnonymous, "AKS120", [Kinds(BINDINGS)]);

const HELP: &str = "bind the role to the Microsoft Entra ID group that needs it (`kind: Group`, `name: \"<group object ID>\"`), or delete the binding; anonymous access to the API server can also be turned off for the whole cluster";

/// Who a catch-all subject is.
fn everyone(kind: &str, name: &str) -> Option<&'static str> {
    match (kind, name) {
        ("User", "system:anonymous") => Some("any request without credentials"),
        ("Group", "system:unauthenticated") => Some("every request without credentials"),
        ("Group", "system:authenticated") => Some(
            "every identity that can sign in to the cluster (on AKS with Entra ID, any account of the tenant)",
        ),
        _ => None,
    }
}

impl Rule for BindingToAnonymous {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        if !rbac::is_binding(obj) {
            return;
        }
        let Some(role) = rbac::role_ref(obj) else {
            return;
        };
        if is_system_name(role.name) {
            return;
        }
        for s in rbac::subjects(obj) {
            let Some(who) = everyone(s.kind, s.name) else {
                continue;
            };
            cx.report(
                obj.doc.entry_span(s.kind_entry),
                format!(
                    "{} grants {} to {} `{}`: {who}",
                    rbac::describe(obj),
                    role.describe(),
                    s.kind,
                    s.name
                ),
                HELP,
            );
        }
    }
}
