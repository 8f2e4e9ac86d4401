//! The RBAC objects as the API server reads them, for AKS111–114: bindings (subjects and
//! `roleRef`) and the `rules[]` of Roles and ClusterRoles with Kubernetes' own matching
//! (`*` matches every verb, resource or API group; `*/exec` matches the `exec` subresource of
//! every resource). Only the `rbac.authorization.k8s.io` API group is read.

use crate::k8s::Object;
use crate::yaml::{Document, Entry, NodeId};

pub const RBAC_GROUP: &str = "rbac.authorization.k8s.io";

/// The API group of an `apiVersion` (`""` for the core group's `v1`).
pub fn api_group(api_version: &str) -> &str {
    api_version.rsplit_once('/').map_or("", |(g, _)| g)
}

/// Kubernetes reserves the `system:` prefix for its bootstrap objects and identities.
pub fn is_system_name(name: &str) -> bool {
    name.starts_with("system:")
}

/// The kinds that bind roles, and the kinds that are roles.
pub const BINDINGS: &[&str] = &["RoleBinding", "ClusterRoleBinding"];
pub const ROLES: &[&str] = &["Role", "ClusterRole"];

/// Is this a RoleBinding or ClusterRoleBinding of the RBAC API group?
pub fn is_binding(obj: &Object<'_, '_>) -> bool {
    matches!(obj.kind, "RoleBinding" | "ClusterRoleBinding")
        && api_group(obj.api_version) == RBAC_GROUP
}

/// `ClusterRoleBinding `name``, `RoleBinding `ns/name``.
pub fn describe(obj: &Object<'_, '_>) -> String {
    let name = obj.name.unwrap_or("<unnamed>");
    match obj.namespace {
        Some(ns) if obj.kind != "ClusterRoleBinding" && obj.kind != "ClusterRole" => {
            format!("{} `{ns}/{name}`", obj.kind)
        }
        _ => format!("{} `{name}`", obj.kind),
    }
}

/// A binding's `roleRef`.
pub struct RoleRef<'d> {
    /// `ClusterRole` or `Role` (as written; `None` when missing or not a string).
    pub kind: Option<&'d str>,
    pub name: &'d str,
    /// The `name` entry: where findings about the role point.
    pub name_entry: Entry,
}

impl RoleRef<'_> {
    /// `the ClusterRole `edit``.
    pub fn describe(&self) -> String {
        format!("the {} `{}`", self.kind.unwrap_or("role"), self.name)
    }
}

/// The `roleRef` of a binding, when it names a role.
pub fn role_ref<'d>(obj: &Object<'d, '_>) -> Option<RoleRef<'d>> {
    let doc = obj.doc;
    let r = doc.get(obj.node, "roleRef")?;
    let name_entry = doc.entry(r, "name")?;
    Some(RoleRef {
        kind: doc.get(r, "kind").and_then(|k| doc.str(k)),
        name: doc.str(name_entry.value)?,
        name_entry,
    })
}

/// One subject of a binding.
pub struct Subject<'d> {
    pub kind_entry: Entry,
    pub kind: &'d str,
    pub name: &'d str,
    pub namespace: Option<&'d str>,
}

impl Subject<'_> {
    /// `User `alice@contoso.com``, `ServiceAccount `ns/name``.
    pub fn describe(&self) -> String {
        match (self.kind, self.namespace) {
            ("ServiceAccount", Some(ns)) => format!("ServiceAccount `{ns}/{}`", self.name),
            _ => format!("{} `{}`", self.kind, self.name),
        }
    }
}

/// The subjects of a binding that have a string `kind`.
pub fn subjects<'d>(obj: &Object<'d, '_>) -> Vec<Subject<'d>> {
    let doc = obj.doc;
    let Some(list) = doc.get(obj.node, "subjects") else {
        return Vec::new();
    };
    doc.seq(list)
        .filter(|&s| doc.is_map(s))
        .filter_map(|s| {
            let kind_entry = doc.entry(s, "kind")?;
            let text = |k: &str| doc.get(s, k).and_then(|v| doc.str(v));
            Some(Subject {
                kind_entry,
                kind: doc.str(kind_entry.value)?,
                name: text("name").unwrap_or("<unnamed>"),
                namespace: text("namespace").filter(|n| !n.is_empty()),
            })
        })
        .collect()
}

/// Is this a Role or ClusterRole of the RBAC API group?
pub fn is_role(obj: &Object<'_, '_>) -> bool {
    matches!(obj.kind, "Role" | "ClusterRole") && api_group(obj.api_version) == RBAC_GROUP
}

/// A role that Kubernetes itself defines and reconciles at every API server start: the
/// bootstrap roles (`system:…`) and the user-facing ClusterRoles `cluster-admin`, `admin`, `edit`
/// and `view`. A manifest holding one is a dump of cluster state; what it grants is judged where
/// it is bound (AKS112).
pub fn is_default_role(obj: &Object<'_, '_>) -> bool {
    obj.name.is_some_and(|n| {
        is_system_name(n)
            || obj.kind == "ClusterRole" && matches!(n, "cluster-admin" | "admin" | "edit" | "view")
    })
}

/// One item of a `verbs`, `resources` or `apiGroups` list: where it is and its value (a null
/// item decodes to the empty string, as the API server reads it).
#[derive(Clone, Copy)]
pub struct Item<'d> {
    pub node: NodeId,
    pub value: &'d str,
}

/// One `rules[]` entry of a Role or ClusterRole.
pub struct PolicyRule<'d> {
    /// Its position in `rules`, for messages (`rules[2]`).
    pub index: usize,
    pub verbs: Vec<Item<'d>>,
    pub resources: Vec<Item<'d>>,
    pub api_groups: Vec<Item<'d>>,
    /// `resourceNames`, when the rule is limited to named objects.
    pub resource_names: Vec<&'d str>,
}

fn items<'d>(doc: &'d Document<'_>, map: NodeId, key: &str) -> Vec<Item<'d>> {
    let Some(list) = doc.get(map, key) else {
        return Vec::new();
    };
    doc.seq(list)
        .filter_map(|i| {
            let value = if doc.is_null(i) { "" } else { doc.str(i)? };
            Some(Item { node: i, value })
        })
        .collect()
}

/// The rules of a Role or ClusterRole that the manifest itself defines. A ClusterRole with an
/// `aggregationRule` has its `rules` written by the controller manager (the union of the
/// aggregated roles), so the ones in the manifest are not what it grants: none are returned.
pub fn policy_rules<'d>(obj: &Object<'d, '_>) -> Vec<PolicyRule<'d>> {
    let doc = obj.doc;
    if obj.kind == "ClusterRole"
        && doc
            .get(obj.node, "aggregationRule")
            .is_some_and(|a| !doc.is_null(a))
    {
        return Vec::new();
    }
    let Some(list) = doc.get(obj.node, "rules") else {
        return Vec::new();
    };
    doc.seq(list)
        .enumerate()
        .filter(|&(_, r)| doc.is_map(r))
        .map(|(index, r)| PolicyRule {
            index,
            verbs: items(doc, r, "verbs"),
            resources: items(doc, r, "resources"),
            api_groups: items(doc, r, "apiGroups"),
            resource_names: items(doc, r, "resourceNames")
                .into_iter()
                .map(|i| i.value)
                .filter(|v| !v.is_empty())
                .collect(),
        })
        .collect()
}

impl<'d> PolicyRule<'d> {
    /// The item of `verbs` that grants `verb` (the verb itself, else `*`).
    pub fn verb(&self, verb: &str) -> Option<Item<'d>> {
        find(&self.verbs, verb)
    }

    /// The item of `apiGroups` that admits `group` (`""` is the core group).
    pub fn group(&self, group: &str) -> Option<Item<'d>> {
        find(&self.api_groups, group)
    }

    /// The item of `resources` that covers `resource` (`pods`, or `pods/exec`: the item itself,
    /// else `*`, else `*/exec` for a subresource).
    pub fn resource(&self, resource: &str) -> Option<Item<'d>> {
        if let Some(i) = self.resources.iter().find(|i| i.value == resource) {
            return Some(*i);
        }
        if let Some(i) = self.resources.iter().find(|i| i.value == "*") {
            return Some(*i);
        }
        let (_, sub) = resource.split_once('/')?;
        self.resources
            .iter()
            .find(|i| i.value.strip_prefix("*/") == Some(sub))
            .copied()
    }
}

fn find<'d>(items: &[Item<'d>], value: &str) -> Option<Item<'d>> {
    items
        .iter()
        .find(|i| i.value == value)
        .or_else(|| items.iter().find(|i| i.value == "*"))
        .copied()
}

/// `name1`, `name2` and 3 more — at most `max` names, each in backticks.
pub fn list_names<S: AsRef<str>>(names: &[S], max: usize) -> String {
    let shown: Vec<&str> = names.iter().take(max).map(AsRef::as_ref).collect();
    let mut s = match shown.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] if names.len() <= max => format!("{} and {last}", init.join(", ")),
        all => all.join(", "),
    };
    if names.len() > max {
        s.push_str(&format!(" and {} more", names.len() - max));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_groups() {
        assert_eq!(api_group("rbac.authorization.k8s.io/v1"), RBAC_GROUP);
        assert_eq!(api_group("v1"), "");
        assert_eq!(
            api_group("aadpodidentity.k8s.io/v1"),
            "aadpodidentity.k8s.io"
        );
    }

    #[test]
    fn lists() {
        assert_eq!(list_names(&["a"], 3), "a");
        assert_eq!(list_names(&["a", "b"], 3), "a and b");
        assert_eq!(list_names(&["a", "b", "c"], 3), "a, b and c");
        assert_eq!(list_names(&["a", "b", "c", "d"], 3), "a, b, c and 1 more");
    }
}
