//! What the cluster rules share: the Entra ID blocks in both forms, the node pools of a cluster
//! (its `default_node_pool` block and `azurerm_kubernetes_cluster_node_pool` resources), and the
//! `network_profile`.

use super::setting::Setting;
use crate::source::Span;
use crate::terraform::kind::NODE_POOL;
use crate::terraform::{Attr, AzureKind, BlockView, Presence, Present, RefMode, Resource};
use std::sync::Arc;

/// Whether a block is there, from its own presence and its parent's.
pub fn combine(outer: Presence, inner: Presence) -> Presence {
    match (outer, inner) {
        (Presence::KnownEmpty, _) | (_, Presence::KnownEmpty) => Presence::KnownEmpty,
        (Presence::KnownNonEmpty, Presence::KnownNonEmpty) => Presence::KnownNonEmpty,
        _ => Presence::Unknown,
    }
}

/// The Entra ID integration blocks of a cluster with their presence: v3+
/// `azure_active_directory_role_based_access_control`, and azurerm v2's
/// `role_based_access_control { azure_active_directory { … } }` (read as v3).
pub fn entra_blocks<'a>(res: &Resource<'a>) -> Vec<(BlockView<'a>, Presence)> {
    let mut out: Vec<(BlockView<'a>, Presence)> = res
        .blocks("azure_active_directory_role_based_access_control")
        .into_iter()
        .map(|b| {
            let p = b.presence;
            (b, p)
        })
        .collect();
    for rbac in res.blocks("role_based_access_control") {
        for aad in rbac.blocks("azure_active_directory") {
            let p = combine(rbac.presence, aad.presence);
            out.push((aad, p));
        }
    }
    out
}

/// A cluster's `network_profile`, as far as it is known: [`Present::Missing`] means the provider
/// defaults apply to the whole profile; [`Present::Unknown`] (a `dynamic` block with an unknown
/// `for_each`) is read as the block of the representative instance by the rules that judge what
/// it sets, and is no proof that the profile is missing.
pub fn network_profile<'a>(res: &Resource<'a>) -> Present<'a> {
    res.present("network_profile")
}

/// A setting's known string value, compared case-insensitively.
pub fn is(a: &Attr, value: &str) -> bool {
    a.value
        .as_str()
        .is_some_and(|v| v.eq_ignore_ascii_case(value))
}

/// Where the settings of one node pool are written.
enum Body<'a> {
    Block(BlockView<'a>),
    Resource(Resource<'a>),
}

/// One node pool: the `default_node_pool` block of a cluster, or an
/// `azurerm_kubernetes_cluster_node_pool` resource.
pub struct Pool<'a> {
    body: Body<'a>,
    /// Where a finding about a missing setting points: the `default_node_pool` header, or the
    /// node pool's resource header.
    pub anchor: Span,
    pub file: Arc<str>,
    /// `the default node pool`, `this node pool of azurerm_kubernetes_cluster.main`.
    pub describe: String,
    /// The block that holds the settings, for `help`: `default_node_pool` or the resource.
    pub holder: &'static str,
}

impl Pool<'_> {
    pub fn attr(&self, name: &str) -> Option<Attr> {
        match &self.body {
            Body::Block(b) => b.attr(name),
            Body::Resource(r) => r.attr(name),
        }
    }

    /// One setting spelled differently per major, under each of its `names`, in that order.
    pub fn spellings(&self, names: &[&'static str]) -> Vec<(&'static str, Setting)> {
        names
            .iter()
            .map(|n| (*n, Setting::of(self.attr(n))))
            .collect()
    }
}

/// The node pools a cluster or node-pool resource certainly declares: a cluster's
/// `default_node_pool` (not a `dynamic` one whose `for_each` is unknown: it may not exist), or
/// the node-pool resource itself. `prefix` is the module address prefix, for naming the cluster
/// a node pool belongs to.
pub fn pools<'a>(res: &Resource<'a>, prefix: &str) -> Vec<Pool<'a>> {
    match res.azure {
        Some(AzureKind::Cluster) => res
            .blocks("default_node_pool")
            .into_iter()
            .filter(|b| b.presence == Presence::KnownNonEmpty)
            .map(|b| Pool {
                anchor: b.span(),
                file: b.file().clone(),
                describe: describe_default(&b, res.arm.is_some()),
                holder: "default_node_pool",
                body: Body::Block(b),
            })
            .collect(),
        Some(AzureKind::NodePool) => {
            let describe = match owning_cluster(res) {
                Some(c) => format!("this node pool of `{prefix}{c}`"),
                None => "this node pool".into(),
            };
            vec![Pool {
                anchor: res.span(),
                file: res.file.clone(),
                describe,
                holder: NODE_POOL,
                body: Body::Resource(res.clone()),
            }]
        }
        _ => Vec::new(),
    }
}

/// `the default node pool`; in an azapi body, where agent pools are a list, the pool by its
/// name (`the agent pool `system``) or its place.
fn describe_default(b: &BlockView<'_>, azapi: bool) -> String {
    if !azapi {
        return "the default node pool".into();
    }
    match b
        .attr("name")
        .and_then(|a| a.value.as_str().map(str::to_string))
    {
        Some(n) => format!("the agent pool `{n}`"),
        None => format!("the agent pool `{}`", b.name),
    }
}

/// The cluster a node pool belongs to, when `kubernetes_cluster_id` (azapi: `parent_id`) is
/// written in this module as a reference to a cluster of this module
/// (`azurerm_kubernetes_cluster.main.id`, `azapi_resource.aks.id`). A reference passed in by a
/// caller names a resource of the caller's module, whose prefix differs: not named.
fn owning_cluster(res: &Resource<'_>) -> Option<String> {
    let a = res.attr("kubernetes_cluster_id")?;
    let r = a.value.as_ref()?;
    let module = res.scope().module();
    let local = module.files.iter().any(|f| f.name == a.origin.file);
    let declared = res
        .scope()
        .resources_of(&r.kind)
        .iter()
        .any(|c| c.name == &*r.name && c.azure == Some(AzureKind::Cluster));
    (local && declared && r.module.is_empty() && r.mode == RefMode::Managed).then(|| r.address())
}
