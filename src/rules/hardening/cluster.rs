//! What the Terraform rules of this layer share: which resources they judge, the node pools of a
//! cluster (its `default_node_pool` block and `azurerm_kubernetes_cluster_node_pool`
//! resources), the spellings that differ between azurerm majors, and how a value was written.

pub(crate) use crate::rules::tf::judged;
use crate::source::Span;
use crate::terraform::{Attr, BlockView, Lit, Majors, Presence, RefMode, Resource, Value};
use std::sync::Arc;

pub(crate) const CLUSTER: &str = "azurerm_kubernetes_cluster";
pub(super) const NODE_POOL: &str = "azurerm_kubernetes_cluster_node_pool";

/// Where the settings of one node pool are written.
enum Body<'a> {
    Block(BlockView<'a>),
    Resource(Resource<'a>),
}

/// One node pool: the `default_node_pool` block of a cluster, or an
/// `azurerm_kubernetes_cluster_node_pool` resource.
pub(super) struct Pool<'a> {
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

    /// The attributes written for one setting spelled differently per major, with the name each
    /// was written with, in the order of `names`.
    pub fn spellings(&self, names: &[&'static str]) -> Vec<(&'static str, Attr)> {
        names
            .iter()
            .filter_map(|n| self.attr(n).map(|a| (*n, a)))
            .collect()
    }
}

/// The node pools `res` certainly declares: a cluster's `default_node_pool` (not a `dynamic` one
/// whose `for_each` is unknown: it may not exist), or a node-pool resource itself. `prefix` is
/// the module address prefix, for naming the cluster a node pool belongs to.
pub(super) fn pools<'a>(res: &Resource<'a>, prefix: &str) -> Vec<Pool<'a>> {
    if judged(res, CLUSTER) {
        res.blocks("default_node_pool")
            .into_iter()
            .filter(|b| b.presence == Presence::KnownNonEmpty)
            .map(|b| Pool {
                anchor: b.span(),
                file: b.file().clone(),
                describe: "the default node pool".into(),
                holder: "default_node_pool",
                body: Body::Block(b),
            })
            .collect()
    } else if judged(res, NODE_POOL) {
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
    } else {
        Vec::new()
    }
}

/// The cluster a node pool belongs to, when `kubernetes_cluster_id` is written in this module as
/// a reference to a cluster of this module (`azurerm_kubernetes_cluster.main.id`). A reference
/// passed in by a caller names a resource of the caller's module, whose prefix differs: not
/// named.
fn owning_cluster(res: &Resource<'_>) -> Option<String> {
    let a = res.attr("kubernetes_cluster_id")?;
    let r = a.value.as_ref()?;
    let module = res.scope().module();
    let local = module.files.iter().any(|f| f.name == a.origin.file);
    let declared = res
        .scope()
        .resources_of(CLUSTER)
        .iter()
        .any(|c| c.name == &*r.name);
    (local && declared && r.mode == RefMode::Managed && &*r.kind == CLUSTER).then(|| r.address())
}

/// How to spell a setting in `help`: the v3 name when the module runs on azurerm v3 only, the
/// v4+ name when v3 is excluded, both otherwise.
pub(super) fn spelled(majors: Majors, v3: &str, v4: &str, value: &str) -> String {
    if majors.single() == Some(3) {
        format!("`{v3} = {value}`")
    } else if !majors.is_empty() && !majors.contains(3) {
        format!("`{v4} = {value}`")
    } else {
        format!("`{v4} = {value}` (azurerm v4+; `{v3} = {value}` on v3)")
    }
}

/// `name = value` for a message, as written (`sku_tier = "Free"`); when the value was written
/// elsewhere (a variable, a local), with the value it has (`sku_tier = var.tier`, which is
/// "Free"). Long or multi-line expressions are left out.
pub(crate) fn shown(res: &Resource<'_>, a: &Attr, name: &str) -> String {
    let text = res
        .scope()
        .module()
        .files
        .iter()
        .find(|f| f.name == a.file)
        .and_then(|f| {
            f.text
                .get(a.value_span.start as usize..a.value_span.end as usize)
        })
        .map(str::trim)
        .filter(|t| t.len() <= 60 && !t.contains('\n'));
    let value = match &a.value {
        Value::Known(Lit::Bool(b)) => Some(b.to_string()),
        Value::Known(Lit::String(s)) if s.len() <= 60 => Some(format!("{s:?}")),
        Value::Absent => Some("null".into()),
        _ => None,
    };
    match (text, value) {
        (Some(t), Some(v)) if t == v => format!("`{name} = {t}`"),
        (Some(t), Some(v)) => format!("`{name} = {t}`, which is {v}"),
        (Some(t), None) => format!("`{name} = {t}`"),
        (None, Some(v)) => format!("`{name}`, which is {v}"),
        (None, None) => format!("`{name}`"),
    }
}
