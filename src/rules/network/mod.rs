//! Layer 3: network.

use super::Rule;

mod aks304_network_policy_allows_all;
mod aks305_public_load_balancer;

pub use aks304_network_policy_allows_all::NetworkPolicyAllowsAll;
pub use aks305_public_load_balancer::PublicLoadBalancer;

pub static ALL: &[&dyn Rule] = &[&NetworkPolicyAllowsAll, &PublicLoadBalancer];
