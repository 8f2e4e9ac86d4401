//! Layer 1: identity and access.

use super::Rule;

pub(crate) mod cluster;
mod rbac;

mod aks101_local_accounts_enabled;
mod aks102_entra_id_integration_missing;
mod aks103_azure_rbac_disabled;
mod aks104_kubernetes_rbac_disabled;
mod aks105_service_principal_credentials;
mod aks106_workload_identity_disabled;
mod aks111_binding_to_user;
mod aks112_cluster_admin_binding;
mod aks113_wildcard_rbac;
mod aks114_rbac_privilege_escalation;
mod aks115_aad_pod_identity_deprecated;
mod aks117_azure_credentials_in_env;

pub use aks101_local_accounts_enabled::LocalAccountsEnabled;
pub use aks102_entra_id_integration_missing::EntraIdIntegrationMissing;
pub use aks103_azure_rbac_disabled::AzureRbacDisabled;
pub use aks104_kubernetes_rbac_disabled::KubernetesRbacDisabled;
pub use aks105_service_principal_credentials::ServicePrincipalCredentials;
pub use aks106_workload_identity_disabled::WorkloadIdentityDisabled;
pub use aks111_binding_to_user::BindingToUser;
pub use aks112_cluster_admin_binding::ClusterAdminBinding;
pub use aks113_wildcard_rbac::WildcardRbac;
pub use aks114_rbac_privilege_escalation::RbacPrivilegeEscalation;
pub use aks115_aad_pod_identity_deprecated::AadPodIdentityDeprecated;
pub use aks117_azure_credentials_in_env::{AzureCredentialsInEnv, is_azure_credential_name};

pub static ALL: &[&dyn Rule] = &[
    &LocalAccountsEnabled,
    &EntraIdIntegrationMissing,
    &AzureRbacDisabled,
    &KubernetesRbacDisabled,
    &ServicePrincipalCredentials,
    &WorkloadIdentityDisabled,
    &BindingToUser,
    &ClusterAdminBinding,
    &WildcardRbac,
    &RbacPrivilegeEscalation,
    &AadPodIdentityDeprecated,
    &AzureCredentialsInEnv,
];
