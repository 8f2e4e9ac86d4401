//! Layer 4: workloads (Pod Security Standards and friends).

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

super::layer! {
    aks401_privileged_container::PrivilegedContainer,
    aks402_privilege_escalation_allowed::PrivilegeEscalationAllowed,
    aks403_runs_as_root::RunsAsRoot,
    aks404_writable_root_filesystem::WritableRootFilesystem,
    aks405_capabilities_not_dropped::CapabilitiesNotDropped,
    aks406_dangerous_capabilities::DangerousCapabilities,
    aks407_host_namespaces::HostNamespaces,
    aks408_host_path_volume::HostPathVolume,
    aks409_host_port::HostPort,
    aks410_seccomp_not_runtime_default::SeccompNotRuntimeDefault,
    aks411_service_account_token_automount::ServiceAccountTokenAutomount,
    aks412_missing_resource_limits::MissingResourceLimits,
    aks413_unsafe_kernel_settings::UnsafeKernelSettings,
    aks414_default_namespace::DefaultNamespace,
    aks415_missing_probes::MissingProbes,
    aks416_restricted_volume_type::RestrictedVolumeType,
    aks417_windows_host_process::WindowsHostProcess,
    aks418_capabilities_beyond_restricted::CapabilitiesBeyondRestricted,
}
