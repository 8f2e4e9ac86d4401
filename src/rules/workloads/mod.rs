//! Layer 4: workloads (Pod Security Standards and friends).

use super::Rule;

mod aks401_privileged_container;
mod aks410_seccomp_not_runtime_default;
mod aks411_service_account_token_automount;
mod aks412_missing_resource_limits;
mod aks413_unsafe_kernel_settings;
mod aks414_default_namespace;
mod aks415_missing_probes;
mod aks416_restricted_volume_type;
mod aks417_windows_host_process;
mod aks418_capabilities_beyond_restricted;

pub use aks401_privileged_container::PrivilegedContainer;
pub use aks410_seccomp_not_runtime_default::SeccompNotRuntimeDefault;
pub use aks411_service_account_token_automount::ServiceAccountTokenAutomount;
pub use aks412_missing_resource_limits::MissingResourceLimits;
pub use aks413_unsafe_kernel_settings::UnsafeKernelSettings;
pub use aks414_default_namespace::DefaultNamespace;
pub use aks415_missing_probes::MissingProbes;
pub use aks416_restricted_volume_type::RestrictedVolumeType;
pub use aks417_windows_host_process::WindowsHostProcess;
pub use aks418_capabilities_beyond_restricted::CapabilitiesBeyondRestricted;

pub static ALL: &[&dyn Rule] = &[
    &PrivilegedContainer,
    &SeccompNotRuntimeDefault,
    &ServiceAccountTokenAutomount,
    &MissingResourceLimits,
    &UnsafeKernelSettings,
    &DefaultNamespace,
    &MissingProbes,
    &RestrictedVolumeType,
    &WindowsHostProcess,
    &CapabilitiesBeyondRestricted,
];
