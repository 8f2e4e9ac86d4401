//! What a cluster provides to the workloads that run on it, as verdicts the cluster rules and the
//! cross-layer rules share: a network-policy engine (AKS312, AKS314), the OIDC issuer and
//! Workload Identity (AKS106, AKS122). Each is three-valued in effect: certainly on, certainly
//! off, or unknown — and only "certainly" ever fires.

use super::cluster::{is, network_profile};
use super::setting::Setting;
use crate::terraform::{Attr, BlockView, Majors, Present, Resource};

/// Whether something other than `network_policy` may enforce NetworkPolicies.
pub fn may_enforce_otherwise(profile: &BlockView<'_>) -> bool {
    // Bring-your-own CNI brings its own enforcement; a plugin that cannot be known may be
    // `none`. A missing one is not `none` (the provider requires it: the block is incomplete,
    // and still has no engine).
    may_be(&Setting::of(profile.attr("network_plugin")), "none")
        // The Cilium data plane enforces NetworkPolicies; one that cannot be known may be it.
        || ["network_data_plane", "ebpf_data_plane"]
            .iter()
            .any(|name| may_be(&Setting::of(profile.attr(name)), "cilium"))
}

/// Whether a string setting is, or may be, `value`: not when null or not written; a value that is
/// not a known string may be anything.
fn may_be(setting: &Setting, value: &str) -> bool {
    match setting {
        Setting::NotWritten | Setting::Null(_) => false,
        Setting::Known(a) => a.value.as_str().is_none() || is(a, value),
        Setting::Unknown => true,
    }
}

/// Whether a written `network_policy` is, or may be, an engine.
pub fn may_be_engine(a: &Attr) -> bool {
    a.value.as_str().is_none() || ["azure", "calico", "cilium"].iter().any(|v| is(a, v))
}

/// The cluster certainly enforces no NetworkPolicy: no `network_profile`, or one without a
/// network-policy engine, no bring-your-own CNI and no Cilium data plane (what AKS312 reports).
pub fn certainly_no_policy_engine(res: &Resource<'_>) -> bool {
    match network_profile(res) {
        Present::Unknown(_) => false,
        Present::Missing => true,
        Present::Block(p) => {
            !may_enforce_otherwise(&p)
                && match Setting::of(p.attr("network_policy")) {
                    Setting::NotWritten | Setting::Null(_) => true,
                    Setting::Known(a) => !may_be_engine(&a),
                    Setting::Unknown => false,
                }
        }
    }
}

pub const WORKLOAD_IDENTITY: &str = "workload_identity_enabled";
pub const OIDC_ISSUER: &str = "oidc_issuer_enabled";

/// `oidc_issuer_enabled`'s provider default: azurerm v5 turns the issuer on, v3 and v4 leave it
/// off; with several majors possible it is not known.
pub fn oidc_issuer_default(majors: Majors) -> Option<bool> {
    match majors.single() {
        Some(5) => Some(true),
        Some(_) => Some(false),
        None => None,
    }
}

/// A boolean setting in effect, with its provider default (`None`: the default is not known);
/// `None` when it cannot be known.
pub fn enabled(res: &Resource<'_>, name: &str, default: Option<bool>) -> Option<bool> {
    match Setting::of(res.attr(name)) {
        Setting::NotWritten | Setting::Null(_) => default,
        Setting::Known(a) => a.value.as_bool(),
        Setting::Unknown => None,
    }
}
