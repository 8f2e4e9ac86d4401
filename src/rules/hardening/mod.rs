//! Layer 2: cluster hardening.

use super::Rule;

mod api_server;
pub(crate) mod cluster;

mod aks201_public_api_server;
mod aks202_api_server_open_to_internet;
mod aks203_no_auto_upgrade_channel;
mod aks204_no_node_os_upgrade_channel;
mod aks205_host_encryption_disabled;
mod aks206_node_public_ip;
mod aks207_run_command_enabled;
mod aks208_free_sku_tier;
mod aks209_private_cluster_public_fqdn;
mod aks210_no_customer_managed_disk_key;
mod aks211_legacy_http_application_routing;
mod aks212_in_tree_azure_storage;

pub use aks201_public_api_server::PublicApiServer;
pub use aks202_api_server_open_to_internet::ApiServerOpenToInternet;
pub use aks203_no_auto_upgrade_channel::NoAutoUpgradeChannel;
pub use aks204_no_node_os_upgrade_channel::NoNodeOsUpgradeChannel;
pub use aks205_host_encryption_disabled::HostEncryptionDisabled;
pub use aks206_node_public_ip::NodePublicIp;
pub use aks207_run_command_enabled::RunCommandEnabled;
pub use aks208_free_sku_tier::FreeSkuTier;
pub use aks209_private_cluster_public_fqdn::PrivateClusterPublicFqdn;
pub use aks210_no_customer_managed_disk_key::NoCustomerManagedDiskKey;
pub use aks211_legacy_http_application_routing::LegacyHttpApplicationRouting;
pub use aks212_in_tree_azure_storage::InTreeAzureStorage;

pub static ALL: &[&dyn Rule] = &[
    &PublicApiServer,
    &ApiServerOpenToInternet,
    &NoAutoUpgradeChannel,
    &NoNodeOsUpgradeChannel,
    &HostEncryptionDisabled,
    &NodePublicIp,
    &RunCommandEnabled,
    &FreeSkuTier,
    &PrivateClusterPublicFqdn,
    &NoCustomerManagedDiskKey,
    &LegacyHttpApplicationRouting,
    &InTreeAzureStorage,
];
