//! Layer 3: network.

mod coverage;

mod aks301_namespace_without_default_deny_ingress;
mod aks302_namespace_without_default_deny_egress;
mod aks303_workload_not_covered_by_network_policy;
mod aks304_network_policy_allows_all;
mod aks305_public_load_balancer;
mod aks306_dangling_network_policy;
mod aks311_no_azure_cni;
mod aks312_no_network_policy_engine;
mod aks313_unrestricted_egress;
mod aks314_network_policies_not_enforced;

super::layer! {
    aks301_namespace_without_default_deny_ingress::NamespaceWithoutDefaultDenyIngress,
    aks302_namespace_without_default_deny_egress::NamespaceWithoutDefaultDenyEgress,
    aks303_workload_not_covered_by_network_policy::WorkloadNotCoveredByNetworkPolicy,
    aks304_network_policy_allows_all::NetworkPolicyAllowsAll,
    aks305_public_load_balancer::PublicLoadBalancer,
    aks306_dangling_network_policy::DanglingNetworkPolicy,
    aks311_no_azure_cni::NoAzureCni,
    aks312_no_network_policy_engine::NoNetworkPolicyEngine,
    aks313_unrestricted_egress::UnrestrictedEgress,
    aks314_network_policies_not_enforced::NetworkPoliciesNotEnforced,
}
