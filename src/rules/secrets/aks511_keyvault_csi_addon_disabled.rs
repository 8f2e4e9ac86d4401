//! AKS511 keyvault-csi-addon-disabled: an `azurerm_kubernetes_cluster` without the Azure Key
//! Vault provider for the Secrets Store CSI driver (`key_vault_secrets_provider {}`; azurerm v2:
//! `addon_profile { azure_keyvault_secrets_provider { enabled = true } }`).
//!
//! An absence rule: silent when any candidate block may exist (a `dynamic` block whose
//! `for_each` is unknown, an `enabled` that cannot be evaluated).

use crate::declare_rule;
use crate::rules::tf::{Setting, judged, report_attr, shown};
use crate::rules::{Rule, RuleMeta, TfCtx};
use crate::terraform::{Attr, BlockView, Presence, Resource};

declare_rule!(KeyVaultCsiAddonDisabled, "AKS511");

pub(crate) const CLUSTER: &str = "azurerm_kubernetes_cluster";

const HELP: &str = "add `key_vault_secrets_provider { secret_rotation_enabled = true }` to the cluster, then mount Key Vault secrets through a SecretProviderClass (Workload Identity) instead of Kubernetes Secrets";

/// The cluster's Key Vault secrets provider add-on, as far as the configuration tells.
pub(crate) enum SecretsProvider<'a> {
    /// Enabled: the block holding `secret_rotation_enabled` (`key_vault_secrets_provider`, or
    /// v2's `addon_profile.azure_keyvault_secrets_provider`).
    Enabled(BlockView<'a>),
    /// Certainly not enabled.
    Disabled(Why<'a>),
    /// May or may not be enabled.
    Unknown,
}

/// Why the add-on is certainly off, most specific first.
pub(crate) enum Why<'a> {
    /// v2 `azure_keyvault_secrets_provider { enabled = false }`.
    V2Disabled(Attr),
    /// `dynamic "key_vault_secrets_provider"` whose `for_each` is empty.
    EmptyDynamic(BlockView<'a>),
    /// No block at all.
    NoBlock,
}

/// Finds the add-on among the cluster's blocks (every spelling, static and dynamic).
pub(crate) fn secrets_provider<'a>(res: &Resource<'a>) -> SecretsProvider<'a> {
    // Written as an attribute (`key_vault_secrets_provider = …`): not the provider's syntax,
    // but not a reason to call the add-on missing either.
    let mut unknown = res.attr("key_vault_secrets_provider").is_some();
    let mut disabled: Option<Why<'a>> = None;
    for b in res.blocks("key_vault_secrets_provider") {
        match b.presence {
            Presence::KnownNonEmpty => return SecretsProvider::Enabled(b),
            Presence::Unknown => unknown = true,
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
    if unknown {
        SecretsProvider::Unknown
    } else {
        SecretsProvider::Disabled(disabled.unwrap_or(Why::NoBlock))
    }
}

impl Rule for KeyVaultCsiAddonDisabled {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        if !judged(res, CLUSTER) {
            return;
        }
        let SecretsProvider::Disabled(why) = secrets_provider(res) else {
            return;
        };
        match why {
            Why::V2Disabled(a) => {
                report_attr(
                    cx,
                    &a,
                    format!(
                        "the Key Vault secrets provider add-on is off ({} in `addon_profile.azure_keyvault_secrets_provider`): pods cannot mount Key Vault secrets through the CSI driver",
                        shown("enabled", &a)
                    ),
                    HELP,
                );
            }
            Why::EmptyDynamic(b) => {
                cx.report(
                    b.file(),
                    b.span(),
                    "the dynamic `key_vault_secrets_provider` block iterates over an empty collection, so the Key Vault secrets provider add-on is off: pods cannot mount Key Vault secrets through the CSI driver",
                    HELP,
                );
            }
            Why::NoBlock => {
                cx.report(
                    &res.file,
                    res.span(),
                    "the cluster has no `key_vault_secrets_provider` block: the Key Vault secrets provider add-on is off, so pods cannot mount Key Vault secrets through the CSI driver",
                    HELP,
                );
            }
        }
    }
}
