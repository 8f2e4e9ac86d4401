//! AKS119 binding-to-default-service-account: a RoleBinding or ClusterRoleBinding subject that is
//! a namespace's `default` ServiceAccount, which every pod of the namespace without a
//! `serviceAccountName` runs as. One finding per such subject, at its `kind` entry. Bindings named
//! `system:…` are Kubernetes' own and are skipped.

use super::rbac::{self, BINDINGS, is_system_name};
use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{K8sCtx, Rule};

declare_rule!(BindingToDefaultServiceAccount, "AKS119", [Kinds(BINDINGS)]);

const HELP: &str = "create a ServiceAccount for the workload that needs these rights (`kind: ServiceAccount`, `metadata: {name: <app>}`), bind that one instead, and set `serviceAccountName: <app>` in the workload's pod spec; leave `default` without bindings";

impl Rule for BindingToDefaultServiceAccount {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        if !rbac::is_binding(obj) || obj.name.is_some_and(is_system_name) {
            return;
        }
        let role = rbac::role_ref(obj).map_or_else(|| "its role".to_string(), |r| r.describe());
        for s in rbac::subjects(obj) {
            if s.kind != "ServiceAccount" || s.name != "default" {
                continue;
            }
            // A RoleBinding's subject without a namespace is in the binding's namespace.
            let ns = s.namespace.or(obj.namespace).unwrap_or("default");
            cx.report(
                obj.doc.entry_span(s.kind_entry),
                format!(
                    "{} grants {role} to the `default` ServiceAccount of namespace `{ns}`: every pod there that names no `serviceAccountName` gets these rights",
                    rbac::describe(obj),
                ),
                HELP,
            );
        }
    }
}
