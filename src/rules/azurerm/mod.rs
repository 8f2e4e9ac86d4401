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

mod cluster;
mod display;
mod report;
mod setting;
mod spelling;

pub use crate::terraform::kind::{CLUSTER, NODE_POOL, REGISTRY, VAULT};
pub use cluster::{Pool, entra_blocks, is, network_profile, pools};
pub use display::{shown, shown_written};
pub use report::{Firewall, report_attr, report_public_endpoint};
pub use setting::Setting;
pub use spelling::{Spelling, spelling};
