//! The rules of one run: those the config enables, with their parameters, and the dispatch
//! tables built once from their interest — a Kubernetes kind, every workload, an Azure
//! resource kind, or another Terraform block kind → the rules that judge it — so no rule is
//! offered what it does not judge.

use crate::config::Config;
use crate::diagnostic::{Finding, Severity};
use crate::index::Index;
use crate::k8s::{Object, Workload};
use crate::meta::CROSS_LAYER;
use crate::rules::{Contributors, IndexCtx, Judge, K8sCtx, Rule, Target, TfCtx, TfIndexIn};
use crate::terraform::{AzureKind, BlockKind, Majors, Resource, TfIndex};
use std::any::Any;

/// Terraform rules with an exception that depends on the manifests of the project.
const TF_RULES_READING_MANIFESTS: [&str; 1] = ["AKS511"];
use std::collections::BTreeMap;

/// An enabled rule and its parameters.
#[derive(Clone, Copy)]
struct Enabled<'c> {
    rule: &'static dyn Rule,
    params: &'c (dyn Any + Send + Sync),
}

/// What the Terraform rules see of the module instance a resource belongs to.
pub(super) struct TfInstance<'a> {
    pub majors: Majors,
    pub address_prefix: &'a str,
}

/// A rule's verdict on a resource that waits for the whole [`TfIndex`] (see
/// [`TfCtx::with_index`]).
pub(super) struct Deferred<'c> {
    rule: Enabled<'c>,
    judge: Judge,
}

/// What the enabled rules of a config read beyond the file they judge, known without building
/// its [`RuleSet`] (a run asks it of every config before it reads anything).
#[derive(Clone, Copy, Default)]
pub(super) struct Reads {
    /// The manifests' facts: for the cross-file rules, and for the Terraform rules whose
    /// exceptions read the manifests (AKS511: Key Vault through External Secrets).
    pub manifest_facts: bool,
    /// The Terraform facts: for a cross-layer rule (so the Terraform stage extracts them, and
    /// the project's Terraform is read for context).
    pub terraform_facts: bool,
}

impl Reads {
    pub fn of(cfg: &Config) -> Reads {
        let mut reads = Reads::default();
        for (rule, _) in cfg.enabled_rules() {
            let meta = rule.meta();
            let index = rule.interest().iter().any(|t| matches!(t, Target::Index));
            reads.manifest_facts |= index || TF_RULES_READING_MANIFESTS.contains(&meta.id);
            reads.terraform_facts |= index && meta.target == CROSS_LAYER;
        }
        reads
    }
}

pub(super) struct RuleSet<'c> {
    /// Rules run (not `--parse-only`).
    checks: bool,
    /// Enabled rule IDs, sorted.
    ids: Vec<&'static str>,
    kinds: BTreeMap<&'static str, Vec<Enabled<'c>>>,
    workloads: Vec<Enabled<'c>>,
    azure: BTreeMap<AzureKind, Vec<Enabled<'c>>>,
    blocks: BTreeMap<BlockKind, Vec<Enabled<'c>>>,
    index: Vec<Enabled<'c>>,
    /// `[severity]` entries of the config, per enabled rule that has one.
    severity: BTreeMap<&'static str, Severity>,
}

impl<'c> RuleSet<'c> {
    /// The enabled rules of `cfg`; none at all with `parse_only` (the linter's own rules still
    /// report what the engine finds).
    pub fn new(cfg: &'c Config, parse_only: bool) -> Self {
        let mut set = RuleSet {
            checks: !parse_only,
            ids: Vec::new(),
            kinds: BTreeMap::new(),
            workloads: Vec::new(),
            azure: BTreeMap::new(),
            blocks: BTreeMap::new(),
            index: Vec::new(),
            severity: BTreeMap::new(),
        };
        for (rule, params) in cfg.enabled_rules() {
            let id = rule.meta().id;
            set.ids.push(id);
            if let Some(s) = cfg.severity(id) {
                set.severity.insert(id, s);
            }
            if parse_only {
                continue;
            }
            let e = Enabled { rule, params };
            for target in rule.interest() {
                match *target {
                    Target::Kinds(kinds) => {
                        for k in kinds {
                            set.kinds.entry(k).or_default().push(e);
                        }
                    }
                    Target::Workloads => set.workloads.push(e),
                    Target::Azure(kind) => set.azure.entry(kind).or_default().push(e),
                    Target::Block(kind) => set.blocks.entry(kind).or_default().push(e),
                    Target::Index => set.index.push(e),
                }
            }
        }
        set
    }

    /// Whether rules run at all (not `--parse-only`).
    pub fn checks(&self) -> bool {
        self.checks
    }

    /// Whether the rule runs (or, for the linter's own rules, may report).
    pub fn enabled(&self, id: &str) -> bool {
        self.ids.binary_search(&id).is_ok()
    }

    /// The severity a finding is shown with: the config's `[severity]` for its rule, else its
    /// own (the rule's default or the variant it chose).
    pub fn severity(&self, f: &Finding) -> Severity {
        self.severity.get(f.id()).copied().unwrap_or(f.severity)
    }

    /// Runs the rules that judge `obj` (by kind) and, when it is a workload, those that judge
    /// workloads.
    pub fn check_object(
        &self,
        obj: &Object<'_, '_>,
        workload: Option<&Workload<'_, '_>>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        for e in self.kinds.get(obj.kind).into_iter().flatten() {
            e.rule
                .check_k8s(obj, &mut K8sCtx::new(e.rule.meta(), e.params, &mut out));
        }
        if let Some(w) = workload {
            for e in &self.workloads {
                e.rule
                    .check_workload(w, &mut K8sCtx::new(e.rule.meta(), e.params, &mut out));
            }
        }
        out
    }

    /// Whether any cross-file rule runs (so the index is worth building).
    pub fn reads_index(&self) -> bool {
        !self.index.is_empty()
    }

    /// Runs the cross-file rules on the index, side by side (each reads it alone): their
    /// findings, each with who it is about, in rule order.
    pub fn check_index(&self, index: &Index) -> Vec<(Finding, Contributors)> {
        use rayon::prelude::*;
        let per_rule: Vec<Vec<(Finding, Contributors)>> = self
            .index
            .par_iter()
            .map(|e| {
                let (mut findings, mut contributors) = (Vec::new(), Vec::new());
                let mut cx =
                    IndexCtx::new(e.rule.meta(), e.params, &mut findings, &mut contributors);
                e.rule.check_index(index, &mut cx);
                findings.into_iter().zip(contributors).collect()
            })
            .collect();
        per_rule.into_iter().flatten().collect()
    }

    /// Runs the rules that judge resources of `kind` on `res`; what they leave for the whole
    /// index goes to `deferred`, in rule order.
    pub fn check_resource(
        &self,
        res: &Resource<'_>,
        kind: AzureKind,
        inst: &TfInstance<'_>,
        deferred: &mut Vec<Deferred<'c>>,
    ) -> Vec<Finding> {
        let rules = self.azure.get(&kind).map_or(&[][..], Vec::as_slice);
        Self::check_tf(rules, res, inst, deferred)
    }

    /// Whether a rule judges blocks of `kind` (so the engine need not list them).
    pub fn judges_blocks(&self, kind: BlockKind) -> bool {
        self.blocks.contains_key(&kind)
    }

    /// Runs the rules that judge blocks of `kind` (a root output, a local file) on `block`.
    pub fn check_block(
        &self,
        block: &Resource<'_>,
        kind: BlockKind,
        inst: &TfInstance<'_>,
        deferred: &mut Vec<Deferred<'c>>,
    ) -> Vec<Finding> {
        let rules = self.blocks.get(&kind).map_or(&[][..], Vec::as_slice);
        Self::check_tf(rules, block, inst, deferred)
    }

    fn check_tf(
        rules: &[Enabled<'c>],
        res: &Resource<'_>,
        inst: &TfInstance<'_>,
        deferred: &mut Vec<Deferred<'c>>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        for e in rules {
            let mut waiting = Vec::new();
            let mut cx = TfCtx::new(
                e.rule.meta(),
                e.params,
                &mut out,
                inst.majors,
                TfIndexIn::Later(&mut waiting),
                inst.address_prefix,
            );
            e.rule.check_tf(res, &mut cx);
            deferred.extend(
                waiting
                    .into_iter()
                    .map(|judge| Deferred { rule: *e, judge }),
            );
        }
        out
    }

    /// Judges, in order, the verdicts a resource of the instance `inst` left for the index.
    pub fn judge(
        &self,
        deferred: Vec<Deferred<'c>>,
        index: &TfIndex,
        inst: &TfInstance<'_>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        for d in deferred {
            let mut cx = TfCtx::new(
                d.rule.rule.meta(),
                d.rule.params,
                &mut out,
                inst.majors,
                TfIndexIn::Ready(index),
                inst.address_prefix,
            );
            (d.judge)(index, &mut cx);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::find;
    use std::path::Path;

    fn finding(id: &str, severity: Severity) -> Finding {
        let mut f = Finding::new(find(id).unwrap().meta(), None, "m");
        f.severity = severity;
        f
    }

    /// A finding keeps the severity its rule gave it (the default, or a variant), unless the
    /// config's `[severity]` names the rule: then that severity holds for every variant.
    #[test]
    fn variants_and_the_config_override() {
        let plain = Config::default_at(Path::new(""));
        let set = RuleSet::new(&plain, false);
        assert_eq!(
            set.severity(&finding("AKS304", Severity::Note)),
            Severity::Note
        );
        assert_eq!(
            set.severity(&finding("AKS304", Severity::Warning)),
            Severity::Warning
        );
        let cfg =
            Config::parse("[severity]\nAKS3 = \"error\"\n", Path::new("akslint.toml")).unwrap();
        let set = RuleSet::new(&cfg, false);
        assert_eq!(
            set.severity(&finding("AKS304", Severity::Note)),
            Severity::Error
        );
        assert_eq!(
            set.severity(&finding("AKS401", Severity::Error)),
            Severity::Error
        );
        let cfg =
            Config::parse("[severity]\nAKS304 = \"off\"\n", Path::new("akslint.toml")).unwrap();
        assert!(!RuleSet::new(&cfg, false).enabled("AKS304"));
    }

    /// What a config's rules read beyond their file follows the rules it enables.
    #[test]
    fn reads_follow_the_enabled_rules() {
        let reads = |toml: &str| {
            let r = Reads::of(&Config::parse(toml, Path::new("akslint.toml")).unwrap());
            (r.manifest_facts, r.terraform_facts)
        };
        assert_eq!(reads(""), (true, true));
        // A per-file rule alone reads nothing else.
        assert_eq!(reads("select = [\"AKS401\"]\n"), (false, false));
        // A cross-file rule reads the manifests; AKS511's exception reads them too.
        assert_eq!(reads("select = [\"AKS303\"]\n"), (true, false));
        assert_eq!(reads("select = [\"AKS511\"]\n"), (true, false));
        // A cross-layer rule reads both.
        assert_eq!(reads("select = [\"AKS118\"]\n"), (true, true));
        let per_file = "ignore = [\"AKS1\", \"AKS3\", \"AKS411\", \"AKS415\", \"AKS5\"]\n";
        assert_eq!(reads(per_file), (false, false));
    }

    /// Each rule is offered only what it judges.
    #[test]
    fn dispatch_follows_interest() {
        let cfg = Config::default_at(Path::new(""));
        let set = RuleSet::new(&cfg, false);
        let ids = |v: Option<&Vec<Enabled<'_>>>| -> Vec<&str> {
            v.into_iter().flatten().map(|e| e.rule.meta().id).collect()
        };
        assert_eq!(ids(set.kinds.get("StorageClass")), ["AKS212"]);
        assert!(ids(set.kinds.get("Deployment")).contains(&"AKS414"));
        assert!(!ids(set.kinds.get("Deployment")).contains(&"AKS401"));
        assert!(ids(Some(&set.workloads)).contains(&"AKS401"));
        assert_eq!(
            ids(set.azure.get(&AzureKind::NodePool)),
            ["AKS205", "AKS206"]
        );
        assert!(!set.kinds.contains_key("ConfigMap"));
        assert_eq!(ids(set.blocks.get(&BlockKind::RootOutput)), ["AKS107"]);
        assert_eq!(ids(set.blocks.get(&BlockKind::LocalFile)), ["AKS107"]);
        let none = RuleSet::new(&cfg, true);
        assert!(none.workloads.is_empty() && none.kinds.is_empty() && none.azure.is_empty());
        assert!(none.blocks.is_empty());
        assert!(none.enabled("AKS001") && !none.checks());
    }
}
