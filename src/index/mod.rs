//! The cross-file index: what the rules that judge how objects fit together need to know of every
//! scanned object — namespaces, workloads with their pod labels and ServiceAccount, Services,
//! NetworkPolicies, ServiceAccounts, bindings, SecretProviderClasses — folded from per-file facts
//! ([`FileFacts`], extracted while a file's tree is alive: see [`facts`]) into one read-only,
//! deterministic view. Files are ordered by path and objects by position, so "the first
//! workload of a namespace" is the same on every run; a file's facts can be replaced alone (the
//! language server updates one file, a cache stores them).
//!
//! Cross-file rules read only the index. Facts carry resolved positions ([`Anchor`]), so findings
//! can be reported after the parse trees are gone.

pub mod engines;
pub mod facts;
pub mod terraform;

use terraform::{ClusterFacts, TfFacts};

use crate::k8s::selector::{Labels, Selector};
use crate::source::{Pos, Span};
use crate::suppress::Suppression;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A place in a file, with its positions resolved. Stored (by the cache) without its file: every
/// anchor of a file's facts is in that file, named again on loading ([`FileFacts::set_file`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Anchor {
    #[serde(skip)]
    pub file: Arc<str>,
    pub span: Span,
    pub start: Pos,
    pub end: Pos,
    /// Its key path in the document (see [`crate::yaml::path`]), the locator of the
    /// fingerprints of findings reported here; `None` in Terraform.
    pub path: Option<String>,
}

/// What the index holds of one file.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct FileFacts {
    pub objects: Vec<ObjectFacts>,
    /// The file's suppression comments, held until the cross-file rules have run.
    pub comments: Vec<Suppression>,
}

impl FileFacts {
    /// Whether the file reads Key Vault through External Secrets (a store with an `azurekv`
    /// provider).
    pub fn reads_key_vault(&self) -> bool {
        self.objects
            .iter()
            .any(|o| matches!(o.what, What::SecretStore { key_vault: true }))
    }

    /// Whether the file holds suppressions (comments, or annotations of its objects).
    pub fn holds_suppressions(&self) -> bool {
        !self.comments.is_empty() || self.objects.iter().any(|o| !o.suppressions.is_empty())
    }

    /// Names `file` in every anchor (the cache stores facts without it). The structs are taken
    /// apart field by field, without `..`: a field added to them does not compile until it is
    /// placed here.
    pub fn set_file(&mut self, file: &Arc<str>) {
        let FileFacts {
            objects,
            comments: _,
        } = self;
        for o in objects {
            let ObjectFacts {
                kind: _,
                name: _,
                namespace: _,
                namespace_written: _,
                label: _,
                source: _,
                anchor,
                suppressions: _,
                what,
            } = o;
            let mut anchors = vec![anchor];
            what.anchors(&mut anchors);
            for a in anchors {
                a.file = file.clone();
            }
        }
    }
}

impl ObjectFacts {
    /// Every anchor of the object, its own first.
    pub fn anchors_mut(&mut self) -> Vec<&mut Anchor> {
        let mut anchors = vec![&mut self.anchor];
        self.what.anchors(&mut anchors);
        anchors
    }
}

impl What {
    /// Its anchors (see [`FileFacts::set_file`]).
    fn anchors<'a>(&'a mut self, out: &mut Vec<&'a mut Anchor>) {
        match self {
            What::Workload(w) => {
                let WorkloadFacts {
                    labels: _,
                    labels_anchor,
                    service_account: _,
                    automount,
                    automount_invalid: _,
                    spec_anchor,
                    workload_identity,
                    csi_volumes,
                    secret_env,
                    serving,
                } = &mut **w;
                out.extend(labels_anchor.as_mut());
                out.extend(automount.as_mut().map(|(_, a)| a));
                out.push(spec_anchor);
                out.extend(workload_identity.as_mut());
                for CsiVolume {
                    volume: _,
                    class: _,
                    anchor,
                } in csi_volumes
                {
                    out.push(anchor);
                }
                for SecretEnv {
                    container: _,
                    var: _,
                    secret: _,
                    anchor,
                } in secret_env
                {
                    out.push(anchor);
                }
                let Serving {
                    containers: _,
                    ports: _,
                    unprobed,
                } = serving;
                for ContainerFacts {
                    describe: _,
                    anchor,
                    startup_note: _,
                } in unprobed
                {
                    out.push(anchor);
                }
            }
            What::NetworkPolicy(PolicyFacts {
                pod_selector: _,
                selector_anchor,
                ingress: _,
                egress: _,
                no_ingress_rules: _,
                no_egress_rules: _,
            }) => out.push(selector_anchor),
            What::ServiceAccount(AccountFacts {
                client_id,
                automount: _,
            }) => out.extend(client_id.as_mut()),
            What::Service(ServiceFacts {
                selector: _,
                targets: _,
            })
            | What::EnginePolicy(EngineFacts {
                engine: _,
                clusterwide: _,
                rules: _,
            })
            | What::SecretProviderClass(SpcFacts {
                provider: _,
                synced_secrets: _,
            })
            | What::Namespace {
                legacy_isolation: _,
            }
            | What::SecretStore { key_vault: _ }
            | What::Binding(_)
            | What::CustomResource => {}
        }
    }
}

/// One Kubernetes object, as the cross-file rules see it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ObjectFacts {
    pub kind: String,
    pub name: String,
    /// Its namespace: as written, else the default namespace of the run (`--namespace`).
    pub namespace: String,
    /// The namespace is written (else the object goes wherever it is applied).
    pub namespace_written: bool,
    /// `Kind namespace/name` as findings name it (the namespace as written).
    pub label: String,
    /// helm's `# Source:` template of its document.
    pub source: Option<String>,
    /// Its `kind` entry: where findings about the object as a whole point.
    pub anchor: Anchor,
    /// Its `akslint.io/ignore` annotations (and its pod template's), held until the cross-file
    /// rules have run.
    pub suppressions: Vec<Suppression>,
    pub what: What,
}

/// The facts of the kinds the cross-file rules read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum What {
    /// A Namespace: whether it carries the `net.beta.kubernetes.io/network-policy` annotation,
    /// the isolation switch of Kubernetes ≤ 1.6 that no cluster reads any more.
    Namespace {
        legacy_isolation: bool,
    },
    Workload(Box<WorkloadFacts>),
    Service(ServiceFacts),
    NetworkPolicy(PolicyFacts),
    /// A policy of Cilium or Calico (see [`engines`]).
    EnginePolicy(EngineFacts),
    ServiceAccount(AccountFacts),
    /// A RoleBinding or ClusterRoleBinding: the ServiceAccounts it binds (namespace, name).
    Binding(Vec<(String, String)>),
    SecretProviderClass(SpcFacts),
    /// A custom resource whose operator may create pods (a Prometheus, an Alertmanager): the
    /// pods of its namespace are not all among the scanned workloads.
    CustomResource,
    /// An External Secrets `SecretStore` or `ClusterSecretStore`: whether its provider is Azure
    /// Key Vault (`spec.provider.azurekv`).
    SecretStore {
        key_vault: bool,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkloadFacts {
    /// The pod (template) labels; `None` when they cannot be read.
    pub labels: Option<Labels>,
    /// The pod's `metadata.labels` entry, when written.
    pub labels_anchor: Option<Anchor>,
    /// `serviceAccountName` (or the deprecated `serviceAccount`), else `default`.
    pub service_account: String,
    /// The pod spec's `automountServiceAccountToken`, when it is a boolean, and its entry.
    pub automount: Option<(bool, Anchor)>,
    /// It is written with a value that is neither a boolean nor null (the API server rejects
    /// the pod).
    pub automount_invalid: bool,
    /// The `spec` key holding the pod spec: where pod-level findings point.
    pub spec_anchor: Anchor,
    /// The `azure.workload.identity/use` label when it is `"true"`: its entry.
    pub workload_identity: Option<Anchor>,
    /// Volumes of the Secrets Store CSI driver.
    pub csi_volumes: Vec<CsiVolume>,
    /// Environment variables read from a Secret (`valueFrom.secretKeyRef`).
    pub secret_env: Vec<SecretEnv>,
    /// What the Service half of AKS415 judges.
    pub serving: Serving,
}

/// The pod's long-running containers that do not idle, as a Service may reach them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Serving {
    /// How many there are.
    pub containers: usize,
    /// Their declared ports, by number and by name.
    pub ports: Vec<Port>,
    /// Those without a readiness or liveness probe that declare no `containerPort`.
    pub unprobed: Vec<ContainerFacts>,
}

/// A port as a Service's `targetPort` names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Port {
    Number(i64),
    Name(String),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CsiVolume {
    pub volume: String,
    /// `volumeAttributes.secretProviderClass`, when a string.
    pub class: Option<String>,
    /// The `secretProviderClass` entry, else the volume.
    pub anchor: Anchor,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SecretEnv {
    /// `container `app``, as messages name it.
    pub container: String,
    pub var: String,
    pub secret: String,
    /// The `secretKeyRef` entry.
    pub anchor: Anchor,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContainerFacts {
    /// `container `app``, `sidecar `proxy` (init container with restartPolicy: Always)`.
    pub describe: String,
    /// The container's `name` entry.
    pub anchor: Anchor,
    /// ` (its startupProbe only delays the other two)` or empty.
    pub startup_note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServiceFacts {
    /// `spec.selector`; empty when the Service selects no pods (its endpoints are managed by
    /// hand), `None` when it cannot be read.
    pub selector: Option<Labels>,
    /// The container port each of its ports sends to (`targetPort`, else `port`); `None` when
    /// one cannot be read.
    pub targets: Option<Vec<Port>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PolicyFacts {
    /// `spec.podSelector`; `None` when it cannot be read.
    pub pod_selector: Option<Selector>,
    /// The `podSelector` entry, else the object's anchor.
    pub selector_anchor: Anchor,
    /// Whether the policy enforces ingress and egress (`policyTypes`, or its defaults).
    pub ingress: bool,
    pub egress: bool,
    /// Whether it lists no rules for the direction (`ingress` absent, null or `[]`); `None` when
    /// the field cannot be read.
    pub no_ingress_rules: Option<bool>,
    pub no_egress_rules: Option<bool>,
}

impl PolicyFacts {
    /// A default-deny policy for the direction: it selects every pod (`podSelector: {}`),
    /// enforces the direction and allows nothing. `None` when that cannot be known.
    pub fn denies_all(&self, ingress: bool) -> Option<bool> {
        let (enforced, no_rules) = if ingress {
            (self.ingress, self.no_ingress_rules)
        } else {
            (self.egress, self.no_egress_rules)
        };
        let everything = self.pod_selector.as_ref()?.is_empty();
        Some(everything && enforced && no_rules?)
    }
}

/// A Cilium or Calico policy: it isolates the pods its rules select, in their directions.
#[derive(Debug, Clone, Serialize)]
pub struct EngineFacts {
    /// `Cilium` or `Calico` (one of [`engines::ENGINES`]).
    pub engine: &'static str,
    /// It may select pods of every namespace (CiliumClusterwideNetworkPolicy, Calico's
    /// GlobalNetworkPolicy).
    pub clusterwide: bool,
    pub rules: Vec<EngineRule>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EngineRule {
    /// The pods it selects, over their labels and [`engines::CILIUM_NAMESPACE_LABEL`]; `None`
    /// when that cannot be read (it may select any pod).
    pub selector: Option<Selector>,
    /// The directions in which the pods it selects are isolated.
    pub ingress: bool,
    pub egress: bool,
}

impl EngineRule {
    /// Whether it may select a pod with these labels (`None`: unreadable) in `namespace`.
    pub fn may_select(&self, labels: Option<&Labels>, namespace: &str) -> bool {
        let (Some(selector), Some(labels)) = (&self.selector, labels) else {
            return true;
        };
        let mut labels = labels.clone();
        labels.insert(
            engines::CILIUM_NAMESPACE_LABEL.to_string(),
            namespace.to_string(),
        );
        selector.matches(&labels)
    }

    /// Whether it may select pods of `namespace` at all (a cluster-wide rule may name another
    /// namespace).
    pub fn may_apply_in(&self, namespace: &str) -> bool {
        let Some(selector) = &self.selector else {
            return true;
        };
        let on_namespace = Selector {
            requirements: selector
                .requirements
                .iter()
                .filter(|r| r.key == engines::CILIUM_NAMESPACE_LABEL)
                .cloned()
                .collect(),
        };
        let mut ns = Labels::new();
        ns.insert(
            engines::CILIUM_NAMESPACE_LABEL.to_string(),
            namespace.to_string(),
        );
        on_namespace.matches(&ns)
    }

    /// Whether it may select every pod of `namespace` (it names no label but the namespace's).
    pub fn may_select_all(&self, namespace: &str) -> bool {
        let Some(selector) = &self.selector else {
            return true;
        };
        selector
            .requirements
            .iter()
            .all(|r| r.key == engines::CILIUM_NAMESPACE_LABEL)
            && self.may_select(Some(&Labels::new()), namespace)
    }

    /// Whether it isolates the pods it selects in this direction.
    pub fn isolates(&self, ingress: bool) -> bool {
        if ingress { self.ingress } else { self.egress }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccountFacts {
    /// Its `azure.workload.identity/client-id` annotation (not empty): the entry.
    pub client_id: Option<Anchor>,
    /// `automountServiceAccountToken`, when a boolean.
    pub automount: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SpcFacts {
    /// `spec.provider`.
    pub provider: Option<String>,
    /// The Secrets it syncs (`secretObjects[].secretName`).
    pub synced_secrets: Vec<String>,
}

/// Where an object is: (file ordinal, object ordinal within the file).
type Ref = (usize, usize);

/// The objects of one namespace, by kind, each list in (path, position) order.
#[derive(Debug, Default)]
struct Members {
    namespace: Option<Ref>,
    /// A Namespace object of this name carries the pre-1.7 isolation annotation.
    legacy_isolation: bool,
    workloads: Vec<Ref>,
    policies: Vec<Ref>,
    engine_policies: Vec<Ref>,
    services: Vec<Ref>,
    /// By name: an object written in several files (helm snapshots, kustomize overlays) has
    /// several definitions.
    accounts: BTreeMap<String, Vec<Ref>>,
    classes: Vec<Ref>,
    /// Custom resources that may create pods.
    custom: Vec<Ref>,
}

/// The facts of every scanned file, read-only, with the lookups the rules need built once.
#[derive(Debug, Default)]
pub struct Index {
    /// Sorted by path.
    files: Vec<(Arc<str>, FileFacts)>,
    namespaces: BTreeMap<String, Members>,
    /// Cluster-wide Cilium and Calico policies.
    clusterwide: Vec<Ref>,
    /// ServiceAccounts by name in every namespace, in namespace order: where a workload that
    /// names no namespace finds its account (looked up per workload, not gathered each time).
    accounts_anywhere: BTreeMap<String, Vec<Ref>>,
    /// ServiceAccounts (namespace, name) that a scanned binding binds.
    bound: BTreeSet<(String, String)>,
    /// The files whose findings are reported (the others are context).
    reported: BTreeSet<Arc<str>>,
    /// The project's Terraform: clusters and federated credentials.
    terraform: TfFacts,
    /// Manifest file → the address of the cluster `[[cluster]]` maps it to.
    mapped: BTreeMap<Arc<str>, String>,
}

impl Index {
    /// The index of these files' facts; findings are reported in `reported` (see
    /// [`Index::in_report_scope`]).
    pub fn build(files: BTreeMap<Arc<str>, FileFacts>, reported: BTreeSet<Arc<str>>) -> Index {
        let mut index = Index {
            files: files.into_iter().collect(),
            reported,
            ..Index::default()
        };
        index.fold();
        index
    }

    /// With the project's Terraform, and the clusters `[[cluster]]` maps manifest files to.
    pub fn with_terraform(mut self, tf: TfFacts, mapped: BTreeMap<Arc<str>, String>) -> Index {
        self.terraform = tf;
        self.mapped = mapped;
        self
    }

    /// Indexes every object by namespace and kind.
    fn fold(&mut self) {
        let index = self;
        for (fi, (_, facts)) in index.files.iter().enumerate() {
            for (oi, o) in facts.objects.iter().enumerate() {
                let r = (fi, oi);
                if let What::Namespace { legacy_isolation } = o.what {
                    let m = index.namespaces.entry(o.name.clone()).or_default();
                    m.namespace.get_or_insert(r);
                    m.legacy_isolation |= legacy_isolation;
                    continue;
                }
                if let What::EnginePolicy(EngineFacts {
                    clusterwide: true, ..
                }) = o.what
                {
                    index.clusterwide.push(r);
                    continue;
                }
                let m = index.namespaces.entry(o.namespace.clone()).or_default();
                match &o.what {
                    What::Workload(_) => m.workloads.push(r),
                    What::NetworkPolicy(_) => m.policies.push(r),
                    What::EnginePolicy(_) => m.engine_policies.push(r),
                    What::Service(_) => m.services.push(r),
                    What::ServiceAccount(_) => {
                        m.accounts.entry(o.name.clone()).or_default().push(r);
                    }
                    What::SecretProviderClass(_) => m.classes.push(r),
                    What::CustomResource => m.custom.push(r),
                    What::SecretStore { .. } => {}
                    What::Binding(subjects) => index.bound.extend(subjects.iter().cloned()),
                    What::Namespace { .. } => {}
                }
            }
        }
        for m in index.namespaces.values() {
            for (name, refs) in &m.accounts {
                let all = index.accounts_anywhere.entry(name.clone()).or_default();
                all.extend(refs);
            }
        }
    }

    /// The project's Terraform clusters and federated identity credentials.
    pub fn terraform(&self) -> &TfFacts {
        &self.terraform
    }

    /// The cluster a manifest's object runs on: the one `[[cluster]]` maps its file to, else the
    /// only cluster of the project's Terraform. `None` when that cannot be told (no cluster,
    /// several and no mapping, or one whose existence is not known): the cross-layer rules
    /// then stay silent.
    pub fn cluster_of(&self, o: &ObjectFacts) -> Option<&ClusterFacts> {
        let clusters = &self.terraform.clusters;
        let candidates: Vec<&ClusterFacts> = match self.mapped.get(&o.anchor.file) {
            Some(address) => clusters.iter().filter(|c| &c.address == address).collect(),
            None => clusters.iter().collect(),
        };
        match candidates[..] {
            [c] if c.exists => Some(c),
            _ => None,
        }
    }

    /// The files' facts back, to settle what the cross-file findings used.
    pub fn into_files(self) -> Vec<(Arc<str>, FileFacts)> {
        self.files
    }

    /// Whether the object is in a file whose findings are reported (one the command line named,
    /// not one read for context).
    pub fn in_report_scope(&self, o: &ObjectFacts) -> bool {
        self.reported.contains(&o.anchor.file)
    }

    fn get(&self, (fi, oi): Ref) -> &ObjectFacts {
        &self.files[fi].1.objects[oi]
    }

    /// Every object, in (path, position) order.
    pub fn objects(&self) -> impl Iterator<Item = &ObjectFacts> {
        self.files.iter().flat_map(|(_, f)| f.objects.iter())
    }

    /// The workloads, in (path, position) order.
    pub fn workloads(&self) -> impl Iterator<Item = (&ObjectFacts, &WorkloadFacts)> {
        self.objects().filter_map(workload)
    }

    /// The namespaces that hold workloads, policies, Services, ServiceAccounts or classes (or
    /// are scanned Namespace objects), by name.
    pub fn namespaces(&self) -> impl Iterator<Item = (&str, NamespaceView<'_>)> {
        self.namespaces.iter().map(|(name, m)| {
            (
                name.as_str(),
                NamespaceView {
                    name,
                    index: self,
                    members: m,
                },
            )
        })
    }

    /// One namespace's objects (none when it holds nothing scanned).
    pub fn namespace(&self, name: &str) -> Option<NamespaceView<'_>> {
        self.namespaces
            .get_key_value(name)
            .map(|(name, m)| NamespaceView {
                name,
                index: self,
                members: m,
            })
    }

    /// The ServiceAccount `name` that `user` (a workload) runs as, when scanned: in the user's
    /// namespace — or, when the user names no namespace (it goes wherever it is applied), in
    /// any. Of several definitions, the one nearest the user's file (the longest shared
    /// directory path: the same overlay, the same chart rendering), then the first.
    pub fn service_account_of(
        &self,
        user: &ObjectFacts,
        name: &str,
    ) -> Option<(&ObjectFacts, &AccountFacts)> {
        let here = self.namespaces.get(&user.namespace);
        let mut refs = here.and_then(|m| m.accounts.get(name));
        if refs.is_none_or(Vec::is_empty) && !user.namespace_written {
            refs = self.accounts_anywhere.get(name);
        }
        let refs = refs.map_or(&[][..], Vec::as_slice);
        let o = nearest(refs.iter().map(|&r| self.get(r)), &user.anchor.file)?;
        match &o.what {
            What::ServiceAccount(a) => Some((o, a)),
            _ => None,
        }
    }

    /// Whether a scanned RoleBinding or ClusterRoleBinding binds the ServiceAccount.
    pub fn is_bound(&self, namespace: &str, name: &str) -> bool {
        self.bound
            .contains(&(namespace.to_string(), name.to_string()))
    }

    /// Every SecretProviderClass, in (path, position) order.
    pub fn secret_provider_classes(&self) -> impl Iterator<Item = (&ObjectFacts, &SpcFacts)> {
        self.objects().filter_map(|o| match &o.what {
            What::SecretProviderClass(s) => Some((o, s)),
            _ => None,
        })
    }
}

/// Of several objects, the one whose file shares the longest directory path with `file`; the
/// first of those.
fn nearest<'i>(
    objects: impl Iterator<Item = &'i ObjectFacts>,
    file: &str,
) -> Option<&'i ObjectFacts> {
    let shared = |o: &ObjectFacts| {
        o.anchor
            .file
            .split(['/', '\\'])
            .zip(file.split(['/', '\\']))
            .take_while(|(a, b)| a == b)
            .count()
    };
    let mut best: Option<(&ObjectFacts, usize)> = None;
    for o in objects {
        let n = shared(o);
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((o, n));
        }
    }
    best.map(|(o, _)| o)
}

fn engine_policy(o: &ObjectFacts) -> Option<(&ObjectFacts, &EngineFacts)> {
    match &o.what {
        What::EnginePolicy(p) => Some((o, p)),
        _ => None,
    }
}

fn workload(o: &ObjectFacts) -> Option<(&ObjectFacts, &WorkloadFacts)> {
    match &o.what {
        What::Workload(w) => Some((o, &**w)),
        _ => None,
    }
}

/// The scanned objects of one namespace.
#[derive(Clone, Copy)]
pub struct NamespaceView<'i> {
    name: &'i str,
    index: &'i Index,
    members: &'i Members,
}

impl<'i> NamespaceView<'i> {
    /// Whether the namespace holds custom resources whose operators may create pods that are not
    /// among the scanned workloads.
    pub fn has_operator_pods(&self) -> bool {
        !self.members.custom.is_empty()
    }

    /// Whether a scanned Namespace object of this name carries the isolation annotation of
    /// Kubernetes ≤ 1.6 (see [`facts::LEGACY_ISOLATION_ANNOTATION`]).
    pub fn legacy_isolation(&self) -> bool {
        self.members.legacy_isolation
    }

    /// The Namespace object, when scanned.
    pub fn object(&self) -> Option<&'i ObjectFacts> {
        self.members.namespace.map(|r| self.index.get(r))
    }

    /// Where a finding about the namespace as a whole points: the Namespace object when it is
    /// scanned, else its first workload — unless that is only context: then the first of its
    /// workloads and policies that is in report scope, so the finding is shown in a file that
    /// was named. `None` when the namespace has neither.
    pub fn finding_anchor(&self) -> Option<&'i ObjectFacts> {
        let first = self
            .object()
            .or_else(|| self.workloads().next().map(|(o, _)| o))?;
        if self.index.in_report_scope(first) {
            return Some(first);
        }
        let index = self.index;
        let in_scope = self
            .members
            .workloads
            .iter()
            .chain(&self.members.policies)
            .map(|&r| index.get(r))
            .filter(|o| index.in_report_scope(o))
            .min_by(|a, b| a.anchor.cmp(&b.anchor));
        Some(in_scope.unwrap_or(first))
    }

    pub fn workloads(&self) -> impl Iterator<Item = (&'i ObjectFacts, &'i WorkloadFacts)> + '_ {
        let index = self.index;
        self.members
            .workloads
            .iter()
            .filter_map(move |&r| workload(index.get(r)))
    }

    pub fn policies(&self) -> impl Iterator<Item = (&'i ObjectFacts, &'i PolicyFacts)> + '_ {
        let index = self.index;
        self.members.policies.iter().filter_map(move |&r| {
            let o = index.get(r);
            match &o.what {
                What::NetworkPolicy(p) => Some((o, p)),
                _ => None,
            }
        })
    }

    /// The Cilium and Calico policies that may apply to the namespace's pods: its own, then the
    /// cluster-wide ones with a rule that may select pods here.
    pub fn engine_policies(&self) -> impl Iterator<Item = (&'i ObjectFacts, &'i EngineFacts)> + '_ {
        let index = self.index;
        let own = self
            .members
            .engine_policies
            .iter()
            .map(move |&r| index.get(r));
        let global = index.clusterwide.iter().map(move |&r| index.get(r));
        own.filter_map(engine_policy).chain(
            global
                .filter_map(engine_policy)
                .filter(|(_, p)| p.rules.iter().any(|r| r.may_apply_in(self.name))),
        )
    }

    pub fn services(&self) -> impl Iterator<Item = (&'i ObjectFacts, &'i ServiceFacts)> + '_ {
        let index = self.index;
        self.members.services.iter().filter_map(move |&r| {
            let o = index.get(r);
            match &o.what {
                What::Service(s) => Some((o, s)),
                _ => None,
            }
        })
    }

    pub fn secret_provider_classes(
        &self,
    ) -> impl Iterator<Item = (&'i ObjectFacts, &'i SpcFacts)> + '_ {
        let index = self.index;
        self.members.classes.iter().filter_map(move |&r| {
            let o = index.get(r);
            match &o.what {
                What::SecretProviderClass(s) => Some((o, s)),
                _ => None,
            }
        })
    }
}
