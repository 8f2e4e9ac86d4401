//! akslint: an offline linter for AKS security best practice in Kubernetes manifests (plain,
//! `helm template` and kustomize output) and the Terraform that builds AKS clusters.
//!
//! The CLI (`src/main.rs`) is a thin shell over [`engine::lint`], which the tests and the bench
//! call too. Layers, lowest first: [`source`] → the front ends ([`yaml`], [`terraform`]) → the
//! models ([`k8s`], the Terraform views) → [`rules`] → [`engine`] → [`report`]; [`config`] (and
//! [`configs`]: which applies where), [`discover`] and [`suppress`] serve the engine; [`meta`]
//! and [`diagnostic`] are shared by all.

// No unsafe code in the library, whatever Cargo.toml allows the binary.
#![forbid(unsafe_code)]
// Output is the CLI's business: the library returns results and never prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod cli;
pub mod config;
pub mod configs;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub mod fingerprint;
pub mod fix;
pub mod index;
pub mod init;
pub mod k8s;
pub mod lsp;
pub mod meta;
pub mod report;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod terraform;
pub mod yaml;
