//! Facts gathered from every evaluated module before the Terraform rules run, for the rules that
//! search "the scanned configuration" (diagnostic settings, Defender plans). Built once, read-only.

use super::Scope;

/// Cross-module facts. Each field is filled by [`TfIndex::add_module`].
#[derive(Debug, Default)]
pub struct TfIndex {}

impl TfIndex {
    /// Adds the facts of one evaluated module instance (`prefix` is its `module.x.` address prefix).
    pub fn add_module(&mut self, _scope: &Scope<'_>, _prefix: &str) {}

    /// Adds the facts gathered by another task (module trees are indexed in parallel).
    pub fn extend(&mut self, _other: TfIndex) {}
}
