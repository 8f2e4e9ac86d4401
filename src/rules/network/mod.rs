//! Layer 3: network.

use super::Rule;

mod aks304_network_policy_allows_all;
mod aks305_public_load_balancer;
mod aks311_no_azure_cni;
mod aks312_no_network_policy_engine;
mod aks313_unrestricted_egress;
mod profile;

pub use aks304_network_policy_allows_all::NetworkPolicyAllowsAll;
pub use aks305_public_load_balancer::PublicLoadBalancer;
pub use aks311_no_azure_cni::NoAzureCni;
pub use aks312_no_network_policy_engine::NoNetworkPolicyEngine;
pub use aks313_unrestricted_egress::UnrestrictedEgress;

pub static ALL: &[&dyn Rule] = &[
    &NetworkPolicyAllowsAll,
    &PublicLoadBalancer,
    &NoAzureCni,
    &NoNetworkPolicyEngine,
    &UnrestrictedEgress,
];
