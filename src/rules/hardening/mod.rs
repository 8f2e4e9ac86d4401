//! Layer 2: cluster hardening.

mod api_server;

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

super::layer! {
    aks201_public_api_server::PublicApiServer,
    aks202_api_server_open_to_internet::ApiServerOpenToInternet,
    aks203_no_auto_upgrade_channel::NoAutoUpgradeChannel,
    aks204_no_node_os_upgrade_channel::NoNodeOsUpgradeChannel,
    aks205_host_encryption_disabled::HostEncryptionDisabled,
    aks206_node_public_ip::NodePublicIp,
    aks207_run_command_enabled::RunCommandEnabled,
    aks208_free_sku_tier::FreeSkuTier,
    aks209_private_cluster_public_fqdn::PrivateClusterPublicFqdn,
    aks210_no_customer_managed_disk_key::NoCustomerManagedDiskKey,
    aks211_legacy_http_application_routing::LegacyHttpApplicationRouting,
    aks212_in_tree_azure_storage::InTreeAzureStorage,
}
