//! The Terraform rule kit: what every rule that judges an Azure resource reads and reports
//! through. The rule layers import it, never each other.
//!
//! | need | here |
//! |---|---|
//! | resource types (the rules' interest names [`crate::terraform::AzureKind`]s) | [`CLUSTER`], [`NODE_POOL`], [`REGISTRY`], [`VAULT`] |
//! | a setting, three-valued, with the provider default | [`Setting`] |
//! | a setting as a message shows it | [`shown`], [`shown_written`] |
//! | the name of a setting renamed between majors | [`spelling()`] |
//! | whether a nested block is there | [`crate::terraform::Resource::present`] |
//! | a finding on a written attribute; the public-endpoint verdict | [`report_attr`], [`report_public_endpoint`] |
//! | clusters: Entra ID blocks, node pools, `network_profile` | [`entra_blocks`], [`pools`], [`network_profile`] |
//! | clusters: the Key Vault secrets provider add-on | [`secrets_provider`] |
//! | clusters: policy engine, OIDC issuer and Workload Identity in effect | [`certainly_no_policy_engine`], [`enabled`], [`oidc_issuer_default`] |
//! | azapi resources: findings in ARM's words (the engine applies it) | [`arm::to_arm`] |

pub mod arm;
mod cluster;
mod csi_addon;
mod display;
mod report;
mod setting;
mod spelling;
mod wiring;

pub use crate::terraform::kind::{CLUSTER, NODE_POOL, REGISTRY, VAULT};
pub use cluster::{Pool, entra_blocks, is, network_profile, pools};
pub use csi_addon::{SecretsProvider, Why, secrets_provider};
pub use display::{shown, shown_written};
pub use report::{Firewall, report_attr, report_public_endpoint};
pub use setting::Setting;
pub use spelling::{Spelling, spelling};
pub use wiring::{
    OIDC_ISSUER, WORKLOAD_IDENTITY, certainly_no_policy_engine, enabled, may_be_engine,
    may_enforce_otherwise, oidc_issuer_default,
};
