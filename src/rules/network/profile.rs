//! What the Terraform rules of this layer share: the clusters they judge and their
//! `network_profile` block.

use crate::rules::hardening::cluster::{CLUSTER, judged};
use crate::terraform::{Attr, BlockView, Presence, Resource};

/// A cluster's `network_profile`, as far as it is known.
pub(super) enum Profile<'a> {
    /// No block (or only `dynamic` ones whose `for_each` is known to be empty): the provider
    /// defaults apply to the whole profile.
    Missing,
    /// A `dynamic "network_profile"` whose `for_each` cannot be evaluated: it may or may not
    /// exist, so the rules stay silent (rules.md, "unknown presence silences").
    Unknown,
    Block(BlockView<'a>),
}

/// The `network_profile` of a managed cluster that certainly exists; `None` for every other
/// resource, a data source, or a cluster whose `count`/`for_each` cannot be evaluated.
pub(super) fn network_profile<'a>(res: &Resource<'a>) -> Option<Profile<'a>> {
    if !judged(res, CLUSTER) {
        return None;
    }
    let blocks = res.blocks("network_profile");
    if blocks.iter().any(|b| b.presence == Presence::Unknown) {
        return Some(Profile::Unknown);
    }
    Some(
        blocks
            .into_iter()
            .find(|b| b.presence == Presence::KnownNonEmpty)
            .map_or(Profile::Missing, Profile::Block),
    )
}

/// A setting's known string value, compared case-insensitively.
pub(super) fn is(a: &Attr, value: &str) -> bool {
    a.value
        .as_str()
        .is_some_and(|v| v.eq_ignore_ascii_case(value))
}
