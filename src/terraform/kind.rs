//! The Azure resources akslint judges, by the resource types that declare them: one name per
//! kind, whatever the spelling (the azurerm provider's types here; an `azapi_resource`'s ARM
//! `type` in [`super::azapi::parse_type`]), so a rule states which kind it judges and the engine
//! offers it only those resources ([`super::Resource::azure`]).

/// `azurerm_kubernetes_cluster`
pub const CLUSTER: &str = "azurerm_kubernetes_cluster";
/// `azurerm_kubernetes_cluster_node_pool`
pub const NODE_POOL: &str = "azurerm_kubernetes_cluster_node_pool";
/// `azurerm_container_registry`
pub const REGISTRY: &str = "azurerm_container_registry";
/// `azurerm_key_vault`
pub const VAULT: &str = "azurerm_key_vault";
/// `azurerm_monitor_diagnostic_setting`
pub const DIAGNOSTIC_SETTING: &str = "azurerm_monitor_diagnostic_setting";
/// `azurerm_security_center_subscription_pricing`: a Defender for Cloud plan.
pub const DEFENDER_PLAN: &str = "azurerm_security_center_subscription_pricing";
/// `azurerm_federated_identity_credential`
pub const FEDERATED_CREDENTIAL: &str = "azurerm_federated_identity_credential";

/// A normalised Azure resource kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AzureKind {
    /// An AKS managed cluster.
    Cluster,
    /// A node pool declared on its own (a cluster's default pool is part of the cluster).
    NodePool,
    /// An Azure Container Registry.
    Registry,
    /// A Key Vault.
    KeyVault,
    /// A diagnostic setting (where a resource's logs go).
    DiagnosticSetting,
    /// A Defender for Cloud plan of a subscription.
    DefenderPlan,
    /// A federated identity credential of a managed identity (workload identity).
    FederatedCredential,
}

impl AzureKind {
    /// Every kind, in declaration order.
    pub const ALL: [AzureKind; 7] = [
        AzureKind::Cluster,
        AzureKind::NodePool,
        AzureKind::Registry,
        AzureKind::KeyVault,
        AzureKind::DiagnosticSetting,
        AzureKind::DefenderPlan,
        AzureKind::FederatedCredential,
    ];

    /// The kind a resource type declares; `None` for every type akslint does not judge.
    pub fn of_type(resource_type: &str) -> Option<AzureKind> {
        AzureKind::ALL
            .into_iter()
            .find(|k| k.azurerm_type() == resource_type)
    }

    /// The azurerm resource type of the kind.
    pub fn azurerm_type(self) -> &'static str {
        match self {
            AzureKind::Cluster => CLUSTER,
            AzureKind::NodePool => NODE_POOL,
            AzureKind::Registry => REGISTRY,
            AzureKind::KeyVault => VAULT,
            AzureKind::DiagnosticSetting => DIAGNOSTIC_SETTING,
            AzureKind::DefenderPlan => DEFENDER_PLAN,
            AzureKind::FederatedCredential => FEDERATED_CREDENTIAL,
        }
    }
}

/// A Terraform block akslint judges that is not an Azure resource: what a configuration hands
/// out of Terraform (a root module's outputs, files it writes). Like [`AzureKind`], a rule names
/// the kind it judges and the engine offers it only those blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BlockKind {
    /// An `output` block of a root module (one no scanned module calls): what `terraform
    /// output` prints and what other configurations read from the state. A child module's
    /// outputs reach only its caller.
    RootOutput,
    /// A `local_file` or `local_sensitive_file` resource that certainly exists: a file written
    /// to disk where `terraform apply` runs.
    LocalFile,
}

impl BlockKind {
    /// The kind a resource type declares (outputs are blocks, not resources).
    pub fn of_type(resource_type: &str) -> Option<BlockKind> {
        matches!(resource_type, "local_file" | "local_sensitive_file")
            .then_some(BlockKind::LocalFile)
    }
}

#[cfg(test)]
mod tests {
    use super::{AzureKind, BlockKind};

    #[test]
    fn block_kinds() {
        assert_eq!(
            BlockKind::of_type("local_sensitive_file"),
            Some(BlockKind::LocalFile)
        );
        assert_eq!(BlockKind::of_type("local_file"), Some(BlockKind::LocalFile));
        assert_eq!(BlockKind::of_type("azurerm_kubernetes_cluster"), None);
    }

    #[test]
    fn types_and_kinds_round_trip() {
        for k in AzureKind::ALL {
            assert_eq!(AzureKind::of_type(k.azurerm_type()), Some(k));
        }
        assert_eq!(AzureKind::of_type("azurerm_resource_group"), None);
        assert_eq!(AzureKind::of_type("kubernetes_cluster"), None);
    }
}
