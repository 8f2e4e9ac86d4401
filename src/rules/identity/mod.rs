//! Layer 1: identity and access.

use super::Rule;

mod rbac;

mod aks111_binding_to_user;
mod aks112_cluster_admin_binding;
mod aks113_wildcard_rbac;
mod aks114_rbac_privilege_escalation;
mod aks115_aad_pod_identity_deprecated;
mod aks117_azure_credentials_in_env;

pub use aks111_binding_to_user::BindingToUser;
pub use aks112_cluster_admin_binding::ClusterAdminBinding;
pub use aks113_wildcard_rbac::WildcardRbac;
pub use aks114_rbac_privilege_escalation::RbacPrivilegeEscalation;
pub use aks115_aad_pod_identity_deprecated::AadPodIdentityDeprecated;
pub use aks117_azure_credentials_in_env::{AzureCredentialsInEnv, is_azure_credential_name};

pub static ALL: &[&dyn Rule] = &[
    &BindingToUser,
    &ClusterAdminBinding,
    &WildcardRbac,
    &RbacPrivilegeEscalation,
    &AadPodIdentityDeprecated,
    &AzureCredentialsInEnv,
];
