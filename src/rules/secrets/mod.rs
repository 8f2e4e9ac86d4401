//! Layer 5: secrets.

use crate::k8s::Object;
use crate::yaml::Entry;

mod values;

mod aks501_plaintext_secret_manifest;
mod aks502_secret_literal_in_env;
mod aks503_secret_provider_class_invalid;
mod aks504_secret_provider_class_legacy_identity;
mod aks505_csi_secret_volume_unresolved;
mod aks506_secret_as_env;
mod aks507_keyvault_provider_off_on_cluster;
mod aks511_keyvault_csi_addon_disabled;
mod aks512_secret_rotation_disabled;
mod aks513_keyvault_purge_protection_disabled;
mod aks514_keyvault_public_network;
mod aks515_keyvault_access_policies;

super::layer! {
    aks501_plaintext_secret_manifest::PlaintextSecretManifest,
    aks502_secret_literal_in_env::SecretLiteralInEnv,
    aks503_secret_provider_class_invalid::SecretProviderClassInvalid,
    aks504_secret_provider_class_legacy_identity::SecretProviderClassLegacyIdentity,
    aks505_csi_secret_volume_unresolved::CsiSecretVolumeUnresolved,
    aks506_secret_as_env::SecretAsEnv,
    aks507_keyvault_provider_off_on_cluster::KeyVaultProviderOffOnCluster,
    aks511_keyvault_csi_addon_disabled::KeyVaultCsiAddonDisabled,
    aks512_secret_rotation_disabled::SecretRotationDisabled,
    aks513_keyvault_purge_protection_disabled::KeyVaultPurgeProtectionDisabled,
    aks514_keyvault_public_network::KeyVaultPublicNetwork,
    aks515_keyvault_access_policies::KeyVaultAccessPolicies,
}

pub(crate) use crate::index::facts::SECRETS_STORE_DRIVER;

/// A SecretProviderClass of the Azure Key Vault provider: `apiVersion:
/// secrets-store.csi.x-k8s.io/*`, `kind: SecretProviderClass`, `spec.provider: azure`.
pub(crate) struct AzureSpc {
    /// The `spec` entry (the anchor when `parameters` is missing).
    pub spec: Entry,
    /// The `parameters` entry, when written (its value may be null or not a mapping).
    pub parameters: Option<Entry>,
}

impl AzureSpc {
    pub fn of(obj: &Object<'_, '_>) -> Option<Self> {
        if obj.kind != "SecretProviderClass"
            || !obj.api_version.starts_with("secrets-store.csi.x-k8s.io/")
        {
            return None;
        }
        let doc = obj.doc;
        let spec = doc
            .entry(obj.node, "spec")
            .filter(|e| doc.is_map(e.value))?;
        // The driver finds the provider by its exact name (`azure.sock`); other providers have
        // other parameters and are not checked.
        if doc.get(spec.value, "provider").and_then(|p| doc.str(p)) != Some("azure") {
            return None;
        }
        Some(AzureSpc {
            spec,
            parameters: doc.entry(spec.value, "parameters"),
        })
    }

    /// The entry of one parameter (only when `parameters` is a mapping).
    pub fn parameter(&self, obj: &Object<'_, '_>, key: &str) -> Option<Entry> {
        let p = self.parameters.filter(|p| obj.doc.is_map(p.value))?;
        obj.doc.entry(p.value, key)
    }
}
