//! The Terraform front end: `.tf`/`.tfvars` (and their JSON syntax) parsed with hcl-edit (spans
//! on every node, nesting limits built in), grouped into modules (one directory each), evaluated by our own
//! three-valued evaluator, and viewed as resources with attributes and nested blocks for rules.
//!
//! ```text
//! Module::load(dir, &opts) ─► Scope::new(&module)            (root: tfvars, var-files, defaults)
//!                             Scope::with_inputs(&child, call.inputs(&caller))     (a local child)
//!   scope.resources_of("azurerm_kubernetes_cluster") ─► r.attr("private_cluster_enabled")?.value
//!                                                       r.blocks("network_profile")[0].attr("network_policy")
//!   r.azure                                            ─► Some(AzureKind::Cluster): what rules judge
//!   (an azapi_resource's body read through the azurerm names: see [`azapi`])
//!   provider::azurerm(&module).majors                  ─► {3}, {4, 5}, {} (contradictory)
//!   comments::line_comments(text, body, &lines)        ─► `#`/`//` comments and the lines they cover
//!   module.errors()                                    ─► AKS001 (Syntax, Unreadable) / AKS002 (TooLarge)
//! ```
//!
//! Nothing here panics on input: parse errors, files over the size cap and unreadable files
//! are values ([`ParseError`]); what cannot be evaluated offline is [`Value::Unknown`], which
//! must never produce a finding. `.tf.json` / `.tfvars.json` are rewritten into HCL of the same
//! length and parsed as such, spans unchanged ([`json_syntax`]). Override files are parsed but
//! not merged (see [`module`]). A plan in JSON (`terraform show -json`) is read by [`plan`]: its
//! resources are the same [`Resource`]s, over the values Terraform planned.

pub mod azapi;
pub mod budget;
pub mod comments;
pub mod eval;
mod for_expr;
mod functions;
pub mod guard;
pub mod index;
mod json;
pub mod json_syntax;
pub mod kind;
pub mod module;
pub mod outline;
mod outputs;
pub mod parse;
pub mod plan;
pub mod provider;
pub mod refs;
pub mod resource;
mod types;
pub mod value;

pub use budget::Cap;
pub use eval::{Calls, Env, MAX_CALL_DEPTH, Scope};
pub use index::TfIndex;
pub use kind::{AzureKind, BlockKind};
pub use module::{Duplicate, LoadOptions, Module, ModuleCall, SourceFile, SourceKind};
pub use outline::{FileOutline, Outline};
pub use parse::{ParseError, ParseErrorKind, TfLimits, parse_body, parse_file};
pub use provider::{Majors, ProviderVersions};
pub use refs::Reading;
pub use resource::{Attr, BlockView, Count, Presence, Present, Resource};
pub use value::{Evaluated, Lit, Origin, Ref, RefMode, Value, equal};

#[cfg(test)]
mod tests;
