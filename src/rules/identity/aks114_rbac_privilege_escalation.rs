//! AKS114 rbac-privilege-escalation: a Role or ClusterRole rule that hands its subjects a known
//! path to more privilege, with Kubernetes' own matching (`*` verbs, resources and API groups
//! count; `*/exec` covers `pods/exec`):
//! - a ClusterRole reading Secrets (`get`/`list`/`watch` on `secrets` in the core group) — not
//!   when `resourceNames` limits it to named Secrets;
//! - `escalate` or `bind` on `roles`/`clusterroles` (`rbac.authorization.k8s.io`);
//! - `impersonate` on `users`/`groups`/`serviceaccounts` (core) or `uids`/`userextras`
//!   (`authentication.k8s.io`);
//! - `create` on `pods/exec` or `pods/attach`, and `get` too: a WebSocket exec or attach is a GET,
//!   authorised as `get` until Kubernetes 1.35 (`AuthorizePodWebsocketUpgradeCreatePermission`);
//! - `create` on `serviceaccounts/token` (core);
//! - in a ClusterRole (the resources are cluster-scoped: a Role cannot grant them), `get`/`create`
//!   on `nodes/proxy`, `create`/`update`/`patch` on `mutatingwebhookconfigurations` or
//!   `validatingwebhookconfigurations` (`admissionregistration.k8s.io`), `create` on
//!   `persistentvolumes`, and certificate approval: `update`/`patch` on
//!   `certificatesigningrequests/approval` together with `approve` on `signers`
//!   (`certificates.k8s.io`) of a `kubernetes.io/` signer (any, unless `resourceNames` names only
//!   other signers). That one may be spread over two `rules[]` entries: it is reported at the later.
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
    detail_of(verbs, &[resource], group)
}

/// [`detail`] for several resource items (each named once, in the order given).
fn detail_of(verbs: &[Item<'_>], resources: &[Item<'_>], group: Item<'_>) -> String {
    let distinct = |items: &[Item<'_>]| {
        let mut names: Vec<String> = Vec::new();
        for i in items {
            let n = format!("`{}`", i.value);
            if !names.contains(&n) {
                names.push(n);
            }
        }
        names
    };
    let group = if group.value == "*" {
        ", any API group"
    } else {
        ""
    };
    format!(
        "{} on {}{group}",
        rbac::list_names(&distinct(verbs), 3),
        rbac::list_names(&distinct(resources), 3)
    )
}

/// Every path to more privilege that one `rules[]` entry grants, in the order of the header
/// (certificate approval, which may take two entries, aside).
fn grants<'d>(cluster_role: bool, rule: &PolicyRule<'d>) -> Vec<Grant<'d>> {
    let mut out = Vec::new();
    if cluster_role {
        out.extend(secrets_cluster_wide(rule));
    }
    out.extend(escalate_and_bind(rule));
    out.extend(impersonate(rule));
    out.extend(exec_and_attach(rule));
    out.extend(
        PATHS
            .iter()
            .filter(|p| cluster_role || !p.cluster_scoped)
            .filter_map(|p| p.granted(rule)),
    );
    out
}

/// A path to more privilege that one verb (or a few) on one resource (or a few) opens.
struct Path {
    group: &'static str,
    resources: &'static [&'static str],
    verbs: &'static [&'static str],
    /// A Role cannot grant it: only a ClusterRole is judged.
    cluster_scoped: bool,
    action: &'static str,
    fix: &'static str,
}

const PATHS: &[Path] = &[
    Path {
        group: "",
        resources: &["serviceaccounts/token"],
        verbs: &["create"],
        cluster_scoped: false,
        action: "mint tokens for service accounts and act with their rights",
        fix: "drop `serviceaccounts/token`; a workload that needs a token for itself gets a projected one through its pod spec",
    },
    Path {
        group: "",
        resources: &["nodes/proxy"],
        verbs: &["get", "create"],
        cluster_scoped: true,
        action: "reach every node's kubelet API, which runs commands in any pod there past the API server's admission and audit",
        fix: "drop `nodes/proxy`; monitoring agents read metrics through `nodes/metrics` and `nodes/stats`",
    },
    Path {
        group: "admissionregistration.k8s.io",
        resources: &[
            "mutatingwebhookconfigurations",
            "validatingwebhookconfigurations",
        ],
        verbs: &["create", "update", "patch"],
        cluster_scoped: true,
        action: "register admission webhooks that see, rewrite or wave through every object sent to the API server",
        fix: "leave webhook configurations to the operator that owns them, limited with `resourceNames` to its own",
    },
    Path {
        group: "",
        resources: &["persistentvolumes"],
        verbs: &["create"],
        cluster_scoped: true,
        action: "create PersistentVolumes on any host path or disk and mount them into its pods",
        fix: "let a CSI driver's StorageClass provision volumes; grant `persistentvolumeclaims` instead",
    },
];

impl Path {
    /// The grant, at the first item (in written order) that covers one of the resources; the
    /// detail names each resource it covers.
    fn granted<'d>(&self, rule: &PolicyRule<'d>) -> Option<Grant<'d>> {
        let g = rule.group(self.group)?;
        let verbs: Vec<Item<'d>> = self.verbs.iter().filter_map(|v| rule.verb(v)).collect();
        // The items that cover one of the resources, in written order.
        let mut covered: Vec<(usize, Item<'d>)> = self
            .resources
            .iter()
            .filter_map(|r| {
                let item = rule.resource(r)?;
                let at = rule.resources.iter().position(|i| i.node == item.node)?;
                Some((at, item))
            })
            .collect();
        covered.sort_by_key(|(at, _)| *at);
        let items: Vec<Item<'d>> = covered.into_iter().map(|(_, i)| i).collect();
        let &anchor = items.first()?;
        if verbs.is_empty() {
            return None;
        }
        Some(Grant {
            anchor,
            action: self.action,
            detail: detail_of(&verbs, &items, g),
            websocket: false,
            fix: self.fix,
        })
    }
}

const CERTIFICATES: &str = "certificates.k8s.io";

/// Certificate approval: `update`/`patch` on `certificatesigningrequests/approval` and `approve`
/// on `signers` of a built-in signer, in one entry or two; the index of the later entry and the
/// grant, anchored there.
fn csr_approval<'d>(rules: &[PolicyRule<'d>]) -> Option<(usize, Grant<'d>)> {
    let approval = rules.iter().find_map(|r| {
        let g = r.group(CERTIFICATES)?;
        let res = r.resource("certificatesigningrequests/approval")?;
        let verbs: Vec<Item<'d>> = ["update", "patch"]
            .iter()
            .filter_map(|v| r.verb(v))
            .collect();
        (!verbs.is_empty()).then_some((r.index, verbs, res, g))
    })?;
    let signers = rules.iter().find_map(|r| {
        r.group(CERTIFICATES)?;
        let res = r.resource("signers")?;
        let built_in = r.resource_names.is_empty()
            || r.resource_names
                .iter()
                .any(|n| n.starts_with("kubernetes.io/") || *n == "*");
        let v = r.verb("approve").filter(|_| built_in)?;
        Some((r.index, v, res))
    })?;
    let (index, anchor) = if signers.0 >= approval.0 {
        (signers.0, signers.1)
    } else {
        (approval.0, approval.2)
    };
    let mut verbs = approval.1;
    verbs.push(signers.1);
    Some((
        index,
        Grant {
            anchor,
            action: "approve certificate requests, a client certificate for any user or group included",
            detail: detail_of(&verbs, &[approval.2, signers.2], approval.3),
            websocket: false,
            fix: "leave certificate approval to the control plane; an approver for a custom signer names it in `resourceNames` on `signers`",
        },
    ))
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

/// The actions the grants open, each permission named once after the actions it opens:
/// "a, b and c, all through `*` on `*`" when one permission opens them all, else
/// "a and b (`get` on `*`), c (`patch` on `*`)".
fn what_they_open(grants: &[Grant<'_>]) -> String {
    let mut groups: Vec<(Vec<&str>, &str)> = Vec::new();
    for g in grants {
        match groups.iter_mut().find(|(_, d)| *d == g.detail) {
            Some((actions, _)) => actions.push(g.action),
            None => groups.push((vec![g.action], &g.detail)),
        }
    }
    if let [(actions, detail)] = groups.as_slice()
        && actions.len() > 1
    {
        return format!("{}, all through {detail}", rbac::list_names(actions, 6));
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(actions, detail)| format!("{} ({detail})", rbac::list_names(actions, 6)))
        .collect();
    rbac::list_names(&parts, 6)
}

impl Rule for RbacPrivilegeEscalation {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        if !rbac::is_role(obj) || rbac::is_default_role(obj) {
            return;
        }
        let doc = obj.doc;
        let rules = rbac::policy_rules(obj);
        let cluster_role = obj.kind == "ClusterRole";
        let mut csr = if cluster_role {
            csr_approval(&rules)
        } else {
            None
        };
        for rule in &rules {
            let mut grants = grants(cluster_role, rule);
            if let Some((_, g)) = csr.take_if(|(i, _)| *i == rule.index) {
                grants.push(g);
            }
            let Some(first) = grants
                .iter()
                .map(|g| g.anchor.node)
                .min_by_key(|&n| doc.span(n).start)
            else {
                continue;
            };
            let mut what = what_they_open(&grants);
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
