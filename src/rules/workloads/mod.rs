//! Layer 4: workloads (Pod Security Standards and friends).

use super::Rule;

mod capabilities;
mod required_flag;

mod aks401_privileged_container;
mod aks402_privilege_escalation_allowed;
mod aks403_runs_as_root;
mod aks404_writable_root_filesystem;
mod aks405_capabilities_not_dropped;
mod aks406_dangerous_capabilities;
mod aks407_host_namespaces;
mod aks408_host_path_volume;
mod aks409_host_port;
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
pub use aks402_privilege_escalation_allowed::PrivilegeEscalationAllowed;
pub use aks403_runs_as_root::RunsAsRoot;
pub use aks404_writable_root_filesystem::WritableRootFilesystem;
pub use aks405_capabilities_not_dropped::CapabilitiesNotDropped;
pub use aks406_dangerous_capabilities::DangerousCapabilities;
pub use aks407_host_namespaces::HostNamespaces;
pub use aks408_host_path_volume::HostPathVolume;
pub use aks409_host_port::HostPort;
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
    &PrivilegeEscalationAllowed,
    &RunsAsRoot,
    &WritableRootFilesystem,
    &CapabilitiesNotDropped,
    &DangerousCapabilities,
    &HostNamespaces,
    &HostPathVolume,
    &HostPort,
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
