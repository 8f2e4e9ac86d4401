//! Layer 3: network.

mod aks304_network_policy_allows_all;
mod aks305_public_load_balancer;
mod aks311_no_azure_cni;
mod aks312_no_network_policy_engine;
mod aks313_unrestricted_egress;

super::layer! {
    aks304_network_policy_allows_all::NetworkPolicyAllowsAll,
    aks305_public_load_balancer::PublicLoadBalancer,
    aks311_no_azure_cni::NoAzureCni,
    aks312_no_network_policy_engine::NoNetworkPolicyEngine,
    aks313_unrestricted_egress::UnrestrictedEgress,
}
