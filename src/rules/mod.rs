//! Rules: the `Rule` trait, what a rule sees (`K8sCtx`, `TfCtx`), the declaration macro and the
//! one registry.
//!
//! A rule is one module. `declare_rule!(Name, "AKSnnn", [interest])` declares its unit struct,
//! binds it to `rules/AKSnnn.md` (a missing doc is a compile error: the doc *is* the metadata),
//! and states what the rule judges — Kubernetes kinds, every workload, a normalised Azure
//! resource kind, or another kind of Terraform block (root outputs, local files) — so the engine offers it only those inputs. `impl Rule` holds the check. The
//! layer's `layer!` list registers it. `scripts/new-rule.sh` writes all of that.

pub mod azurerm;
pub mod hardening;
pub mod identity;
pub mod image_ref;
pub mod images;
pub mod linter;
pub mod monitoring;
pub mod network;
pub mod secrets;
pub mod workloads;

pub use crate::meta::{Example, RuleMeta};

use crate::diagnostic::Finding;
use crate::index::{Anchor, Index, ObjectFacts};
use crate::k8s::{Object, Workload};
use crate::source::Span;
use crate::terraform::{AzureKind, BlockKind, Majors, Resource, TfIndex};
use std::any::Any;
use std::sync::Arc;

/// What a rule judges. The engine builds its dispatch tables from these once per run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Kubernetes objects of these kinds, offered to [`Rule::check_k8s`].
    Kinds(&'static [&'static str]),
    /// Every workload whose pod spec is readable (see [`Workload`]), offered to
    /// [`Rule::check_workload`].
    Workloads,
    /// Terraform resources of this Azure kind that certainly exist (a managed resource whose
    /// `count`/`for_each` is known and non-zero), offered to [`Rule::check_tf`].
    Azure(AzureKind),
    /// Terraform blocks of this kind that are not Azure resources (a root module's outputs,
    /// `local_file`s), offered to [`Rule::check_tf`] as a [`Resource`] (an output's `kind` is
    /// `output`).
    Block(BlockKind),
    /// The cross-file index of every scanned object, offered once per run to
    /// [`Rule::check_index`].
    Index,
}

/// A rule's parsed `[rules.AKSnnn]` parameters (`()` for a rule without any).
pub type Params = Box<dyn Any + Send + Sync>;

/// What `declare_rule!` implements: the metadata from the rule's doc, its interest, and how its
/// parameters are read.
pub trait Declared {
    fn meta(&self) -> &'static RuleMeta;
    /// Empty for the linter's own rules, which the engine reports.
    fn interest(&self) -> &'static [Target];
    /// Reads the rule's `[rules.AKSnnn]` table (`None` when the config has none).
    fn parse_params(&self, table: Option<&toml::Table>) -> Result<Params, String>;
}

/// A rule's checks. Each is called only for the inputs its interest names.
pub trait Rule: Declared + Sync + Send {
    /// One Kubernetes object of a kind named by [`Target::Kinds`].
    fn check_k8s(&self, _obj: &Object<'_, '_>, _cx: &mut K8sCtx<'_>) {}

    /// One workload ([`Target::Workloads`]).
    fn check_workload(&self, _w: &Workload<'_, '_>, _cx: &mut K8sCtx<'_>) {}

    /// One Terraform resource of an evaluated module ([`Target::Azure`]), or a block of a
    /// [`Target::Block`] kind. Unknown values must never produce a finding.
    fn check_tf(&self, _res: &Resource<'_>, _cx: &mut TfCtx<'_>) {}

    /// The cross-file index ([`Target::Index`]), once per run, after every file was read.
    fn check_index(&self, _index: &Index, _cx: &mut IndexCtx<'_>) {}
}

/// Parameters of a rule that takes some: a `[rules.AKSnnn]` table read with
/// `deny_unknown_fields`, then prepared (patterns parsed) once when the config is loaded.
pub trait RuleParams: serde::de::DeserializeOwned + Default + Send + Sync + 'static {
    /// Checks and prepares what was read; an error names the key at fault.
    fn prepare(&mut self) -> Result<(), String> {
        Ok(())
    }
}

/// [`Declared::parse_params`] of a rule declared with `params = T`.
pub fn parse_params<T: RuleParams>(table: Option<&toml::Table>) -> Result<Params, String> {
    let mut params: T = match table {
        Some(t) => toml::Value::Table(t.clone())
            .try_into()
            .map_err(|e: toml::de::Error| e.message().to_string())?,
        None => T::default(),
    };
    params.prepare()?;
    Ok(Box::new(params))
}

/// [`Declared::parse_params`] of a rule without parameters.
pub fn no_params(table: Option<&toml::Table>) -> Result<Params, String> {
    match table {
        None => Ok(Box::new(())),
        Some(_) => Err("this rule takes no parameters".into()),
    }
}

/// Where findings go, and the rule's parameters: shared by both contexts.
struct Sink<'a> {
    rule: &'static RuleMeta,
    params: &'a (dyn Any + Send + Sync),
    findings: &'a mut Vec<Finding>,
}

impl<'a> Sink<'a> {
    fn params<T: 'static>(&self) -> &'a T {
        self.params
            .downcast_ref()
            .unwrap_or_else(|| panic!("{}: parameters of another type", self.rule.id))
    }

    fn push(&mut self, f: Finding) -> &mut Finding {
        self.findings.push(f);
        self.findings.last_mut().expect("just pushed")
    }
}

/// What a Kubernetes rule sees besides the object: its parameters, and where findings go.
pub struct K8sCtx<'a> {
    sink: Sink<'a>,
}

impl<'a> K8sCtx<'a> {
    pub fn new(
        rule: &'static RuleMeta,
        params: &'a (dyn Any + Send + Sync),
        findings: &'a mut Vec<Finding>,
    ) -> Self {
        K8sCtx {
            sink: Sink {
                rule,
                params,
                findings,
            },
        }
    }

    /// The rule's parameters, of the type it was declared with (`params = T`).
    pub fn params<T: 'static>(&self) -> &'a T {
        self.sink.params()
    }

    /// Reports a finding at `span` with its fix in `help` (the YAML to write), at the rule's
    /// default severity (a variant sets the returned finding's `severity`).
    pub fn report(
        &mut self,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> &mut Finding {
        let f = Finding::new(self.sink.rule, Some(span), message).help(help);
        self.sink.push(f)
    }
}

/// The part of a Terraform rule's verdict that reads the facts of the whole scanned
/// configuration ([`TfIndex`]: diagnostic settings, Defender plans…), given to
/// [`TfCtx::with_index`]. It owns what it needs of the resource, read before: the resource's
/// syntax trees may be gone when it runs.
pub type Judge = Box<dyn FnOnce(&TfIndex, &mut TfCtx<'_>) + Send>;

/// Where the index is for a [`TfCtx`]: not whole yet (each root's tree of instances is checked
/// as it is indexed), or whole.
pub enum TfIndexIn<'a> {
    /// Judgements wait here, in the order they were asked for.
    Later(&'a mut Vec<Judge>),
    Ready(&'a TfIndex),
}

/// What a Terraform rule sees besides the resource.
pub struct TfCtx<'a> {
    sink: Sink<'a>,
    /// The azurerm provider majors this module may run with (lock file, constraints along the
    /// call chain, spellings). A rule whose default changed between majors fires only when
    /// `majors.single()` says which one.
    pub majors: Majors,
    index: TfIndexIn<'a>,
    /// `module.aks.` for a resource of a child module called as `module "aks"`; empty at the root.
    pub address_prefix: &'a str,
}

impl<'a> TfCtx<'a> {
    pub fn new(
        rule: &'static RuleMeta,
        params: &'a (dyn Any + Send + Sync),
        findings: &'a mut Vec<Finding>,
        majors: Majors,
        index: TfIndexIn<'a>,
        address_prefix: &'a str,
    ) -> Self {
        TfCtx {
            sink: Sink {
                rule,
                params,
                findings,
            },
            majors,
            index,
            address_prefix,
        }
    }

    /// Finishes the verdict with the facts of the whole scanned configuration: now when they
    /// are whole, else once every module instance is indexed. `judge` reports through the
    /// context it is given, as the rule would.
    pub fn with_index(&mut self, judge: impl FnOnce(&TfIndex, &mut TfCtx<'_>) + Send + 'static) {
        let index: &'a TfIndex = match &mut self.index {
            TfIndexIn::Ready(index) => index,
            TfIndexIn::Later(waiting) => return waiting.push(Box::new(judge)),
        };
        judge(index, self);
    }

    /// The rule's parameters, of the type it was declared with (`params = T`).
    pub fn params<T: 'static>(&self) -> &'a T {
        self.sink.params()
    }

    /// Reports a finding at `span` of `file` (spans come from [`crate::terraform::Attr`],
    /// [`crate::terraform::BlockView`] and [`Resource`], which know their file), with the HCL to
    /// write in `help`.
    pub fn report(
        &mut self,
        file: &Arc<str>,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> &mut Finding {
        let mut f = Finding::new(self.sink.rule, Some(span), message).help(help);
        f.file = Some(file.clone());
        self.sink.push(f)
    }
}

/// Who a cross-file finding is about, and what else its verdict rests on.
#[derive(Debug, Clone)]
pub struct Contributors {
    /// The object the finding is shown on: its annotation suppressions apply.
    pub about: Anchor,
    /// The files of every object the verdict rests on, `about`'s included: the finding is
    /// reported when any of them is in report scope.
    pub files: Vec<Arc<str>>,
}

/// What a cross-file rule sees besides the index.
pub struct IndexCtx<'a> {
    sink: Sink<'a>,
    contributors: &'a mut Vec<Contributors>,
}

impl<'a> IndexCtx<'a> {
    pub fn new(
        rule: &'static RuleMeta,
        params: &'a (dyn Any + Send + Sync),
        findings: &'a mut Vec<Finding>,
        contributors: &'a mut Vec<Contributors>,
    ) -> Self {
        IndexCtx {
            sink: Sink {
                rule,
                params,
                findings,
            },
            contributors,
        }
    }

    /// The rule's parameters, of the type it was declared with (`params = T`).
    pub fn params<T: 'static>(&self) -> &'a T {
        self.sink.params()
    }

    /// Reports a finding about `object` at `at` (one of its anchors), whose verdict also rests on
    /// `also` (a finding is reported when any object it rests on is in report scope).
    pub fn report(
        &mut self,
        object: &ObjectFacts,
        at: &Anchor,
        also: &[&ObjectFacts],
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> &mut Finding {
        let mut f = Finding::new(self.sink.rule, Some(at.span), message).help(help);
        f.file = Some(at.file.clone());
        f.positions = Some((at.start, at.end));
        f.locator.clone_from(&at.path);
        f.object = Some(object.label.clone());
        f.source = object.source.clone();
        let mut files: Vec<Arc<str>> = vec![object.anchor.file.clone(), at.file.clone()];
        files.extend(also.iter().map(|o| o.anchor.file.clone()));
        files.sort();
        files.dedup();
        self.contributors.push(Contributors {
            about: object.anchor.clone(),
            files,
        });
        self.sink.push(f)
    }

    /// The finding reported last also rests on Terraform: the file at `anchor` (a cluster, a
    /// federated credential) puts it in report scope too.
    pub fn also_rests_on(&mut self, anchor: &Anchor) {
        if let Some(c) = self.contributors.last_mut()
            && !c.files.contains(&anchor.file)
        {
            c.files.push(anchor.file.clone());
            c.files.sort();
        }
    }
}

/// Declares a rule: its unit struct, bound to `rules/<ID>.md`, and what it judges.
///
/// ```ignore
/// declare_rule!(PrivilegedContainer, "AKS401", [Workloads]);
/// declare_rule!(BindingToUser, "AKS111", [Kinds(&["RoleBinding", "ClusterRoleBinding"])]);
/// declare_rule!(AcrAdminUserEnabled, "AKS611", [Azure(Registry)]);
/// declare_rule!(KubeconfigExported, "AKS107", [Block(RootOutput), Block(LocalFile)]);
/// declare_rule!(UntrustedRegistry, "AKS603", [Workloads], params = Aks603Params);
/// ```
///
/// The interest names the variants of [`Target`], [`AzureKind`] and [`BlockKind`] without their
/// paths.
#[macro_export]
macro_rules! declare_rule {
    ($ty:ident, $id:literal, [$($target:expr),* $(,)?] $(, params = $params:ty)?) => {
        #[derive(Debug, Default, Clone, Copy)]
        pub struct $ty;
        impl $crate::rules::Declared for $ty {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
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

            fn interest(&self) -> &'static [$crate::rules::Target] {
                #[allow(unused_imports)]
                use $crate::rules::Target::*;
                #[allow(unused_imports)]
                use $crate::terraform::AzureKind::*;
                #[allow(unused_imports)]
                use $crate::terraform::BlockKind::*;
                const INTEREST: &[$crate::rules::Target] = &[$($target),*];
                INTEREST
            }

            $crate::declare_rule!(@params $($params)?);
        }
    };
    (@params) => {
        fn parse_params(
            &self,
            table: Option<&toml::Table>,
        ) -> Result<$crate::rules::Params, String> {
            $crate::rules::no_params(table)
        }
    };
    (@params $params:ty) => {
        fn parse_params(
            &self,
            table: Option<&toml::Table>,
        ) -> Result<$crate::rules::Params, String> {
            $crate::rules::parse_params::<$params>(table)
        }
    };
}

/// Registers a layer's rules from one list of `module::Struct` entries: re-exports the structs
/// and builds the layer's `ALL`. (The `mod` lines stay outside the macro, where `cargo fmt` sees
/// the files.)
macro_rules! layer {
    ($($module:ident :: $rule:ident),* $(,)?) => {
        $(pub use $module::$rule;)*

        /// The rules of this layer, in ID order.
        pub static ALL: &[&dyn $crate::rules::Rule] = &[$(&$rule),*];
    };
}
pub(crate) use layer;

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The doc's `target` and the code's interest say the same thing, and the layer a rule is
    /// registered in is the layer its doc and ID name.
    #[test]
    fn interest_matches_the_docs_target() {
        for r in all() {
            let m = r.meta();
            let interest = r.interest();
            let k8s =
                |t: &Target| matches!(t, Target::Kinds(_) | Target::Workloads | Target::Index);
            let tf = |t: &Target| matches!(t, Target::Azure(_) | Target::Block(_));
            let ok = match m.target {
                crate::meta::CROSS_LAYER => interest == [Target::Index],
                "kubernetes" => !interest.is_empty() && interest.iter().all(k8s),
                "terraform" => !interest.is_empty() && interest.iter().all(tf),
                "any" => interest.is_empty() && m.layer == "linter",
                _ => false,
            };
            assert!(
                ok,
                "{}: target `{}` but interest {interest:?}",
                m.id, m.target
            );
            for t in interest {
                if let Target::Kinds(kinds) = t {
                    assert!(!kinds.is_empty(), "{}: an empty kind list", m.id);
                }
            }
        }
    }

    #[test]
    fn rules_without_parameters_refuse_a_table() {
        let r = find("AKS401").unwrap();
        assert!(r.parse_params(None).is_ok());
        let e = r.parse_params(Some(&toml::Table::new())).err().unwrap();
        assert!(e.contains("no parameters"), "{e}");
    }
}
