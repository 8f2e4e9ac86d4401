//! AKS114 rbac-privilege-escalation: a Role or ClusterRole rule that hands its subjects a known
//! path to more privilege, with Kubernetes' own matching (`*` verbs, resources and API groups
//! count; `*/exec` covers `pods/exec`):
//! - a ClusterRole reading Secrets (`get`/`list`/`watch` on `secrets` in the core group) — not
//!   when `resourceNames` limits it to named Secrets;
//! - `escalate` or `bind` on `roles`/`clusterroles` (`rbac.authorization.k8s.io`);
//! - `impersonate` on `users`/`groups`/`serviceaccounts` (core) or `uids`/`userextras`
//!   (`authentication.k8s.io`);
//! - `create` on `pods/exec` or `pods/attach`, and `get` too: a WebSocket exec or attach is a GET,
//!   authorised as `get` until Kubernetes 1.35 (`AuthorizePodWebsocketUpgradeCreatePermission`).
//!
//! One finding per `rules[]` entry, at the first offending item in document order, naming every
//! path. Kubernetes' own roles (`system:…`, and the ClusterRoles `cluster-admin`, `admin`, `edit`,
//! `view`) are skipped. AKS113 reports the wildcards themselves; both fire on
//! `verbs: ["*"]` over sensitive resources, because each finding asks for a different fix.

use super::rbac::{self, Item, PolicyRule, ROLES};
use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{K8sCtx, Rule};

declare_rule!(RbacPrivilegeEscalation, "AKS114", [Kinds(ROLES)]);

/// One path to more privilege that a rule grants.
struct Grant<'d> {
    /// Where it shows: the verb item for escalate/bind/impersonate, the resource for the rest.
    anchor: Item<'d>,
    /// What the subjects can do, for the message.
    action: &'static str,
    /// The permission that does it, as written (`` `*` on `pods/exec` ``).
    detail: String,
    /// Exec or attach granted by `get` alone (a WebSocket connection).
    websocket: bool,
    fix: &'static str,
}

/// `` `get` and `list` on `secrets` ``, `` `*` on `*`, any API group ``.
fn detail(verbs: &[Item<'_>], resource: Item<'_>, group: Item<'_>) -> String {
    let mut names: Vec<String> = Vec::new();
    for v in verbs {
        let n = format!("`{}`", v.value);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    let group = if group.value == "*" {
        ", any API group"
    } else {
        ""
    };
    format!(
        "{} on `{}`{group}",
        rbac::list_names(&names, 3),
        resource.value
    )
}

/// Every path to more privilege that one `rules[]` entry grants, in the order of the header.
fn grants<'d>(obj: &Object<'_, '_>, rule: &PolicyRule<'d>) -> Vec<Grant<'d>> {
    let mut out = Vec::new();
    if obj.kind == "ClusterRole" {
        out.extend(secrets_cluster_wide(rule));
    }
    out.extend(escalate_and_bind(rule));
    out.extend(impersonate(rule));
    out.extend(exec_and_attach(rule));
    out
}

/// A ClusterRole reading Secrets, unless `resourceNames` names them.
fn secrets_cluster_wide<'d>(rule: &PolicyRule<'d>) -> Option<Grant<'d>> {
    if !rule.resource_names.is_empty() {
        return None;
    }
    let (g, res) = (rule.group("")?, rule.resource("secrets")?);
    let verbs: Vec<Item<'d>> = ["get", "list", "watch"]
        .iter()
        .filter_map(|v| rule.verb(v))
        .collect();
    if verbs.is_empty() {
        return None;
    }
    Some(Grant {
        anchor: res,
        action: "read Secrets, service-account tokens included, across the cluster when bound by a ClusterRoleBinding",
        detail: detail(&verbs, res, g),
        websocket: false,
        fix: "name the Secrets it needs in `resourceNames`, or grant `get` in a namespaced Role; mount application secrets from Key Vault with the Secrets Store CSI driver instead of reading them through the API",
    })
}

/// `escalate` or `bind` on roles.
fn escalate_and_bind<'d>(rule: &PolicyRule<'d>) -> Vec<Grant<'d>> {
    let rbac_group = rule.group(rbac::RBAC_GROUP);
    let role_res = rule
        .resource("roles")
        .or_else(|| rule.resource("clusterroles"));
    let (Some(g), Some(res)) = (rbac_group, role_res) else {
        return Vec::new();
    };
    [
        ("escalate", "write Roles that grant more than they hold"),
        (
            "bind",
            "bind any Role or ClusterRole, `cluster-admin` included, to any subject",
        ),
    ]
    .into_iter()
    .filter_map(|(verb, action)| {
        let v = rule.verb(verb)?;
        Some(Grant {
            anchor: v,
            action,
            detail: detail(&[v], res, g),
            websocket: false,
            fix: "remove `escalate` and `bind`; an operator that must hand out permissions should bind only the roles it names in `resourceNames`",
        })
    })
    .collect()
}

/// `impersonate` on identities: users, groups, service accounts (core) or uids, user extras
/// (`authentication.k8s.io`).
fn impersonate<'d>(rule: &PolicyRule<'d>) -> Option<Grant<'d>> {
    let v = rule.verb("impersonate")?;
    let core = rule
        .group("")
        .and_then(|g| {
            ["users", "groups", "serviceaccounts"]
                .iter()
                .find_map(|r| rule.resource(r))
                .map(|r| (g, r))
        })
        .or_else(|| {
            let g = rule.group("authentication.k8s.io")?;
            let r = rule.resource("uids").or_else(|| {
                rule.resources
                    .iter()
                    .find(|i| i.value.starts_with("userextras"))
                    .copied()
            })?;
            Some((g, r))
        });
    let (g, res) = core?;
    Some(Grant {
        anchor: v,
        action: "act as other users, groups or service accounts",
        detail: detail(&[v], res, g),
        websocket: false,
        fix: "remove `impersonate`, or limit it with `resourceNames` to the identities that must be impersonated",
    })
}

/// `create` (or, over a WebSocket, `get`) on `pods/exec` or `pods/attach`.
fn exec_and_attach<'d>(rule: &PolicyRule<'d>) -> Vec<Grant<'d>> {
    let Some(g) = rule.group("") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (sub, action) in [
        ("pods/exec", "run commands in pods"),
        ("pods/attach", "attach to running containers"),
    ] {
        let Some(res) = rule.resource(sub) else {
            continue;
        };
        let (verb, websocket) = match (rule.verb("create"), rule.verb("get")) {
            (Some(v), _) => (v, false),
            (None, Some(v)) => (v, true),
            (None, None) => continue,
        };
        out.push(Grant {
            anchor: res,
            action,
            detail: detail(&[verb], res, g),
            websocket,
            fix: "drop `pods/exec` and `pods/attach`; debug through `kubectl debug` with a short-lived, audited role, or read logs through `pods/log`",
        });
    }
    out
}

impl Rule for RbacPrivilegeEscalation {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        if !rbac::is_role(obj) || rbac::is_default_role(obj) {
            return;
        }
        let doc = obj.doc;
        for rule in rbac::policy_rules(obj) {
            let grants = grants(obj, &rule);
            let Some(first) = grants
                .iter()
                .map(|g| g.anchor.node)
                .min_by_key(|&n| doc.span(n).start)
            else {
                continue;
            };
            // One shared permission (`*` on `*`) is named once, after every action it opens.
            let shared = grants.iter().all(|g| g.detail == grants[0].detail) && grants.len() > 1;
            let what: Vec<String> = grants
                .iter()
                .map(|g| {
                    if shared {
                        g.action.to_string()
                    } else {
                        format!("{} ({})", g.action, g.detail)
                    }
                })
                .collect();
            let mut what = rbac::list_names(&what, 6);
            if shared {
                what.push_str(&format!(", all through {}", grants[0].detail));
            }
            if grants.iter().any(|g| g.websocket) {
                what.push_str(
                    "; `get` is enough for exec and attach over WebSocket before Kubernetes 1.35",
                );
            }
            let mut fixes: Vec<&str> = Vec::new();
            for g in &grants {
                if !fixes.contains(&g.fix) {
                    fixes.push(g.fix);
                }
            }
            cx.report(
                doc.span(first),
                format!(
                    "{} rules[{}] lets its subjects {what}",
                    rbac::describe(obj),
                    rule.index,
                ),
                fixes.join("; "),
            );
        }
    }
}
