//! Layer 2: cluster hardening.

use super::Rule;

mod aks212_in_tree_azure_storage;

pub use aks212_in_tree_azure_storage::InTreeAzureStorage;

pub static ALL: &[&dyn Rule] = &[&InTreeAzureStorage];
