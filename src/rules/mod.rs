//! Rules: metadata parsed from `rules/AKSnnn.md`, the `Rule` trait, and the one registry.
//!
//! A rule is one module: `declare_rule!` ties a unit struct to its doc (a missing doc is a
//! compile error), `impl Rule` holds the check. Register it in its layer's `ALL` list.

pub mod hardening;
pub mod identity;
pub mod image_ref;
pub mod images;
pub mod linter;
pub mod meta;
pub mod monitoring;
pub mod network;
pub mod secrets;
pub mod tf;
pub mod workloads;

pub use meta::{Example, RuleMeta};

use crate::config::RuleParams;
use crate::diagnostic::Finding;
use crate::k8s::Object;
use crate::source::Span;
use crate::terraform::{Majors, Resource, TfIndex};
use std::sync::Arc;

/// A rule: Kubernetes rules judge one object at a time, Terraform rules one resource.
pub trait Rule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;

    /// Checks one Kubernetes object (every kind is offered; rules pick what they judge).
    fn check(&self, _obj: &Object<'_, '_>, _cx: &mut Ctx<'_>) {}

    /// Checks one Terraform resource (or data source) of an evaluated module (every type is
    /// offered; rules pick what they judge). Unknown values must never produce a finding.
    fn check_tf(&self, _res: &Resource<'_>, _cx: &mut TfCtx<'_>) {}
}

/// What a rule sees besides the object: its parameters, and where findings go.
pub struct Ctx<'a> {
    pub rule: &'static RuleMeta,
    pub params: &'a RuleParams,
    pub(crate) findings: &'a mut Vec<Finding>,
}

impl Ctx<'_> {
    /// Reports a finding at `span` with its fix in `help` (the YAML to write).
    pub fn report(
        &mut self,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> &mut Finding {
        self.findings
            .push(Finding::new(self.rule.id, Some(span), message).help(help));
        self.findings.last_mut().expect("just pushed")
    }
}

/// What a Terraform rule sees besides the resource.
pub struct TfCtx<'a> {
    pub rule: &'static RuleMeta,
    pub params: &'a RuleParams,
    /// The azurerm provider majors this module may run with (lock file, constraints along the
    /// call chain, spellings). A rule whose default changed between majors fires only when
    /// `majors.single()` says which one.
    pub majors: Majors,
    /// Facts of the whole scanned configuration (diagnostic settings, Defender plans…).
    pub index: &'a TfIndex,
    /// `module.aks.` for a resource of a child module called as `module "aks"`; empty at the root.
    pub address_prefix: &'a str,
    pub(crate) findings: &'a mut Vec<Finding>,
}

impl TfCtx<'_> {
    /// Reports a finding at `span` of `file` (spans come from [`Attr`], [`BlockView`] and
    /// [`Resource`], which know their file), with the HCL to write in `help`.
    pub fn report(
        &mut self,
        file: &Arc<str>,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> &mut Finding {
        let mut f = Finding::new(self.rule.id, Some(span), message).help(help);
        f.file = Some(file.clone());
        self.findings.push(f);
        self.findings.last_mut().expect("just pushed")
    }
}

/// Declares a rule's unit struct and binds it to `rules/<ID>.md`.
#[macro_export]
macro_rules! declare_rule {
    ($ty:ident, $id:literal) => {
        #[derive(Debug, Default, Clone, Copy)]
        pub struct $ty;
        impl $ty {
            pub fn doc_meta() -> &'static $crate::rules::RuleMeta {
                static META: std::sync::LazyLock<$crate::rules::RuleMeta> =
                    std::sync::LazyLock::new(|| {
                        $crate::rules::RuleMeta::parse(include_str!(concat!(
                            env!("CARGO_MANIFEST_DIR"),
                            "/rules/",
                            $id,
                            ".md"
                        )))
                        .unwrap_or_else(|e| panic!("rules/{}.md: {e}", $id))
                    });
                &META
            }
        }
    };
}

/// Every rule, sorted by ID.
pub fn all() -> &'static [&'static dyn Rule] {
    static ALL: std::sync::LazyLock<Vec<&'static dyn Rule>> = std::sync::LazyLock::new(|| {
        let mut v: Vec<&'static dyn Rule> = Vec::new();
        for layer in [
            linter::ALL,
            identity::ALL,
            hardening::ALL,
            network::ALL,
            workloads::ALL,
            secrets::ALL,
            images::ALL,
            monitoring::ALL,
        ] {
            v.extend_from_slice(layer);
        }
        v.sort_by_key(|r| r.meta().id);
        v
    });
    &ALL
}

/// Looks a rule up by ID (`AKS401`, case-insensitive) or name (`privileged-container`).
pub fn find(id_or_name: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| {
        let m = r.meta();
        m.id.eq_ignore_ascii_case(id_or_name) || m.name == id_or_name
    })
}

/// The ID of the rule named by ID or name.
pub fn id_of(id_or_name: &str) -> Option<&'static str> {
    find(id_or_name).map(|r| r.meta().id)
}
