//! Layer 2: cluster hardening.

use super::Rule;

mod api_server;

mod aks201_public_api_server;
mod aks202_api_server_open_to_internet;
mod aks203_no_auto_upgrade_channel;
mod aks204_no_node_os_upgrade_channel;
mod aks212_in_tree_azure_storage;

pub use aks201_public_api_server::PublicApiServer;
pub use aks202_api_server_open_to_internet::ApiServerOpenToInternet;
pub use aks203_no_auto_upgrade_channel::NoAutoUpgradeChannel;
pub use aks204_no_node_os_upgrade_channel::NoNodeOsUpgradeChannel;
pub use aks212_in_tree_azure_storage::InTreeAzureStorage;

pub static ALL: &[&dyn Rule] = &[
    &PublicApiServer,
    &ApiServerOpenToInternet,
    &NoAutoUpgradeChannel,
    &NoNodeOsUpgradeChannel,
    &InTreeAzureStorage,
];
