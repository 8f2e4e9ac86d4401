//! akslint: an offline linter for AKS security best practice in Kubernetes manifests.
//!
//! The CLI (`src/main.rs`) is a thin shell over [`engine::lint`], which the tests and the bench
//! call too.

pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub mod k8s;
pub mod meta;
pub mod report;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod terraform;
pub mod yaml;

pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
