//! Layer 7: monitoring and policy.

use super::RuleParams;
use super::azurerm::Setting;
use crate::terraform::{Attr, Presence, Resource};
use serde::Deserialize;

mod aks701_no_control_plane_audit_logs;
mod aks702_incomplete_control_plane_logs;
mod aks703_defender_disabled;
mod aks704_azure_policy_addon_disabled;
mod aks705_container_insights_disabled;

super::layer! {
    aks701_no_control_plane_audit_logs::NoControlPlaneAuditLogs,
    aks702_incomplete_control_plane_logs::IncompleteControlPlaneLogs,
    aks703_defender_disabled::DefenderDisabled,
    aks704_azure_policy_addon_disabled::AzurePolicyAddonDisabled,
    aks705_container_insights_disabled::ContainerInsightsDisabled,
}

/// `[rules.AKS701]` … `[rules.AKS703]`: the rules that search the whole scanned configuration
/// (diagnostic settings, Defender plans) for something that may live in another repository or an
/// Azure Policy. `managed-elsewhere = true` silences only the rule's "none found" case.
#[derive(Debug, Default, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ManagedElsewhere {
    #[serde(default)]
    pub managed_elsewhere: bool,
}

impl RuleParams for ManagedElsewhere {}

/// An azurerm v2 add-on (`addon_profile { name { enabled } }`), read as its v3+ form.
pub(crate) enum Addon {
    /// `enabled = true`.
    On,
    /// `enabled = false`: the attribute.
    Off(Attr),
    /// Neither the profile nor the add-on block is written (or a `dynamic` one is empty).
    Missing,
    /// A block of unknown presence, or an `enabled` that cannot be read.
    Unknown,
}

pub(crate) fn v2_addon(res: &Resource<'_>, name: &str) -> Addon {
    // Written as an attribute (`addon_profile = …`): not the provider's syntax, but not a reason
    // to call the add-on missing either.
    if res.attr("addon_profile").is_some() {
        return Addon::Unknown;
    }
    let mut out = Addon::Missing;
    for profile in res.blocks("addon_profile") {
        match profile.presence {
            Presence::KnownEmpty => continue,
            Presence::Unknown => return Addon::Unknown,
            Presence::KnownNonEmpty => {}
        }
        if profile.attr(name).is_some() {
            return Addon::Unknown;
        }
        for addon in profile.blocks(name) {
            match addon.presence {
                Presence::KnownEmpty => continue,
                Presence::Unknown => return Addon::Unknown,
                Presence::KnownNonEmpty => {}
            }
            // `enabled` was required in v2: null or missing did not plan, so it tells nothing.
            match Setting::of(addon.attr("enabled")) {
                Setting::Known(a) => match a.value.as_bool() {
                    Some(true) => return Addon::On,
                    Some(false) => {
                        if matches!(out, Addon::Missing) {
                            out = Addon::Off(a);
                        }
                    }
                    None => return Addon::Unknown,
                },
                Setting::NotWritten | Setting::Null(_) | Setting::Unknown => {
                    return Addon::Unknown;
                }
            }
        }
    }
    out
}
