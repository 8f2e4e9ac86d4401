//! Shared by the `azurerm_kubernetes_cluster` rules of the identity and hardening layers: the
//! Entra ID blocks in both forms, presence through `dynamic` parents, and which spelling of a
//! renamed attribute to suggest.

use crate::terraform::{BlockView, Majors, Presence, Resource};

pub(crate) const CLUSTER: &str = "azurerm_kubernetes_cluster";

/// Whether a block is there, from its own presence and its parent's.
pub(crate) fn combine(outer: Presence, inner: Presence) -> Presence {
    match (outer, inner) {
        (Presence::KnownEmpty, _) | (_, Presence::KnownEmpty) => Presence::KnownEmpty,
        (Presence::KnownNonEmpty, Presence::KnownNonEmpty) => Presence::KnownNonEmpty,
        _ => Presence::Unknown,
    }
}

/// The Entra ID integration blocks of a cluster with their presence: v3+
/// `azure_active_directory_role_based_access_control`, and azurerm v2's
/// `role_based_access_control { azure_active_directory { … } }` (read as v3).
pub(crate) fn entra_blocks<'a>(res: &Resource<'a>) -> Vec<(BlockView<'a>, Presence)> {
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

/// The name to suggest for a setting renamed in azurerm v4: the v3 name when the module runs
/// on v3 only, else the v4+ name, with the v3 name as an alternative when v3 is possible too.
pub(crate) fn spelling<'n>(majors: Majors, v3: &'n str, v4: &'n str) -> (&'n str, Option<&'n str>) {
    if majors.single() == Some(3) {
        (v3, None)
    } else if majors.contains(3) || majors.is_empty() {
        (v4, Some(v3))
    } else {
        (v4, None)
    }
}
