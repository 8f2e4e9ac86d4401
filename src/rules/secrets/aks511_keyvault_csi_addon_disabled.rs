//! AKS511 keyvault-csi-addon-disabled: an `azurerm_kubernetes_cluster` without the Azure Key
//! Vault provider for the Secrets Store CSI driver (`key_vault_secrets_provider {}`; azurerm v2:
//! `addon_profile { azure_keyvault_secrets_provider { enabled = true } }`).
//!
//! An absence rule: silent when any candidate block may exist (a `dynamic` block whose
//! `for_each` is unknown, an `enabled` that cannot be evaluated). Its findings on a project's
//! clusters are dropped when the project's manifests read Key Vault through External Secrets (a
//! `SecretStore` or `ClusterSecretStore` with an `azurekv` provider): the add-on is then not the
//! team's way to Key Vault. That needs the manifests of the project, which a Terraform rule does
//! not see: the cross-file stage applies it (`engine::cross::key_vault_read_elsewhere`).

use crate::declare_rule;
use crate::rules::azurerm::{SecretsProvider, Why, secrets_provider};
use crate::rules::azurerm::{report_attr, shown};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(KeyVaultCsiAddonDisabled, "AKS511", [Azure(Cluster)]);

const HELP: &str = "add `key_vault_secrets_provider { secret_rotation_enabled = true }` to the cluster, then mount Key Vault secrets through a SecretProviderClass (Workload Identity) instead of Kubernetes Secrets";

impl Rule for KeyVaultCsiAddonDisabled {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
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
