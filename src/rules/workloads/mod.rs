//! Layer 4: workloads (Pod Security Standards and friends).

use super::Rule;

mod aks401_privileged_container;

pub use aks401_privileged_container::PrivilegedContainer;

pub static ALL: &[&dyn Rule] = &[&PrivilegedContainer];
