//! Layer 4: workloads (Pod Security Standards and friends).

use super::Rule;

mod aks401_privileged_container;
mod aks402_privilege_escalation_allowed;
mod aks403_runs_as_root;
mod aks404_writable_root_filesystem;
mod aks405_capabilities_not_dropped;
mod aks406_dangerous_capabilities;
mod aks407_host_namespaces;
mod aks408_host_path_volume;
mod aks409_host_port;

pub use aks401_privileged_container::PrivilegedContainer;
pub use aks402_privilege_escalation_allowed::PrivilegeEscalationAllowed;
pub use aks403_runs_as_root::RunsAsRoot;
pub use aks404_writable_root_filesystem::WritableRootFilesystem;
pub use aks405_capabilities_not_dropped::CapabilitiesNotDropped;
pub use aks406_dangerous_capabilities::DangerousCapabilities;
pub use aks407_host_namespaces::HostNamespaces;
pub use aks408_host_path_volume::HostPathVolume;
pub use aks409_host_port::HostPort;

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
];
