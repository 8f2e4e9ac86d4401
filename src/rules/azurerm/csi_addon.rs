//! The cluster's Key Vault secrets provider add-on (AKS511 judges whether it is on, AKS512 what
//! it sets), in every spelling: `key_vault_secrets_provider {}`, static or `dynamic`, and azurerm
//! v2's `addon_profile { azure_keyvault_secrets_provider { enabled } }` (read as v3).

use super::setting::Setting;
use crate::terraform::{Attr, BlockView, Presence, Resource};

/// The cluster's Key Vault secrets provider add-on, as far as the configuration tells.
pub enum SecretsProvider<'a> {
    /// Enabled: the block holding `secret_rotation_enabled` (`key_vault_secrets_provider`, or
    /// v2's `addon_profile.azure_keyvault_secrets_provider`).
    Enabled(BlockView<'a>),
    /// Certainly not enabled.
    Disabled(Why<'a>),
    /// May be enabled, by a block that may be there (a `dynamic` one with an unknown
    /// `for_each`, an azapi add-on whose `enabled` is unknown): no proof that the add-on is off
    /// (AKS511), and the block of the representative instance, whose settings are judged (AKS512).
    Maybe(BlockView<'a>),
    /// May or may not be enabled.
    Unknown,
}

/// Why the add-on is certainly off, most specific first.
pub enum Why<'a> {
    /// v2 `azure_keyvault_secrets_provider { enabled = false }`.
    V2Disabled(Attr),
    /// `dynamic "key_vault_secrets_provider"` whose `for_each` is empty.
    EmptyDynamic(BlockView<'a>),
    /// No block at all.
    NoBlock,
}

/// Finds the add-on among the cluster's blocks (every spelling, static and dynamic).
pub fn secrets_provider<'a>(res: &Resource<'a>) -> SecretsProvider<'a> {
    // Written as an attribute (`key_vault_secrets_provider = …`): not the provider's syntax,
    // but not a reason to call the add-on missing either.
    let mut unknown = res.attr("key_vault_secrets_provider").is_some();
    let mut disabled: Option<Why<'a>> = None;
    let mut maybe: Option<BlockView<'a>> = None;
    for b in res.blocks("key_vault_secrets_provider") {
        match b.presence {
            Presence::KnownNonEmpty => return SecretsProvider::Enabled(b),
            Presence::Unknown => {
                maybe.get_or_insert(b);
            }
            Presence::KnownEmpty => {
                if disabled.is_none() {
                    disabled = Some(Why::EmptyDynamic(b));
                }
            }
        }
    }
    // azurerm v2 (read as v3): `addon_profile { azure_keyvault_secrets_provider { enabled } }`.
    for profile in res.blocks("addon_profile") {
        match profile.presence {
            Presence::KnownEmpty => continue,
            Presence::Unknown => {
                unknown = true;
                continue;
            }
            Presence::KnownNonEmpty => {}
        }
        for b in profile.blocks("azure_keyvault_secrets_provider") {
            match b.presence {
                Presence::KnownEmpty => continue,
                Presence::Unknown => {
                    unknown = true;
                    continue;
                }
                Presence::KnownNonEmpty => {}
            }
            // `enabled` was required in v2: null or missing did not plan, so it tells nothing.
            match Setting::of(b.attr("enabled")) {
                Setting::Known(a) if a.value.as_bool() == Some(true) => {
                    return SecretsProvider::Enabled(b);
                }
                Setting::Known(a) if a.value.as_bool() == Some(false) => {
                    disabled = Some(Why::V2Disabled(a));
                }
                _ => unknown = true,
            }
        }
    }
    if let Some(b) = maybe {
        SecretsProvider::Maybe(b)
    } else if unknown {
        SecretsProvider::Unknown
    } else {
        SecretsProvider::Disabled(disabled.unwrap_or(Why::NoBlock))
    }
}
