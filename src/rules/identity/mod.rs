//! Layer 1: identity and access.

mod rbac;

mod aks101_local_accounts_enabled;
mod aks102_entra_id_integration_missing;
mod aks103_azure_rbac_disabled;
mod aks104_kubernetes_rbac_disabled;
mod aks105_service_principal_credentials;
mod aks106_workload_identity_disabled;
mod aks107_kubeconfig_exported;
mod aks111_binding_to_user;
mod aks112_cluster_admin_binding;
mod aks113_wildcard_rbac;
mod aks114_rbac_privilege_escalation;
mod aks115_aad_pod_identity_deprecated;
mod aks116_workload_identity_mismatch;
mod aks117_azure_credentials_in_env;
mod aks118_federated_credential_mismatch;
mod aks119_binding_to_default_service_account;
mod aks120_binding_to_anonymous;
mod aks121_broad_builtin_role_binding;
mod aks122_workload_identity_off_on_cluster;

super::layer! {
    aks101_local_accounts_enabled::LocalAccountsEnabled,
    aks102_entra_id_integration_missing::EntraIdIntegrationMissing,
    aks103_azure_rbac_disabled::AzureRbacDisabled,
    aks104_kubernetes_rbac_disabled::KubernetesRbacDisabled,
    aks105_service_principal_credentials::ServicePrincipalCredentials,
    aks106_workload_identity_disabled::WorkloadIdentityDisabled,
    aks107_kubeconfig_exported::KubeconfigExported,
    aks111_binding_to_user::BindingToUser,
    aks112_cluster_admin_binding::ClusterAdminBinding,
    aks113_wildcard_rbac::WildcardRbac,
    aks114_rbac_privilege_escalation::RbacPrivilegeEscalation,
    aks115_aad_pod_identity_deprecated::AadPodIdentityDeprecated,
    aks116_workload_identity_mismatch::WorkloadIdentityMismatch,
    aks117_azure_credentials_in_env::AzureCredentialsInEnv,
    aks118_federated_credential_mismatch::FederatedCredentialMismatch,
    aks119_binding_to_default_service_account::BindingToDefaultServiceAccount,
    aks120_binding_to_anonymous::BindingToAnonymous,
    aks121_broad_builtin_role_binding::BroadBuiltinRoleBinding,
    aks122_workload_identity_off_on_cluster::WorkloadIdentityOffOnCluster,
}
