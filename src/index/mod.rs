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

pub mod facts;

use crate::k8s::selector::{Labels, Selector};
use crate::source::{Pos, Span};
use crate::suppress::Suppression;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A place in a file, with its positions resolved.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Anchor {
    pub file: Arc<str>,
    pub span: Span,
    pub start: Pos,
    pub end: Pos,
}

/// What the index holds of one file.
#[derive(Debug, Default, Clone)]
pub struct FileFacts {
    pub objects: Vec<ObjectFacts>,
}

/// One Kubernetes object, as the cross-file rules see it.
#[derive(Debug, Clone)]
pub struct ObjectFacts {
    pub kind: String,
    pub name: String,
    /// Its namespace: as written, else the default namespace of the run (`--namespace`).
    pub namespace: String,
    /// `Kind namespace/name` as findings name it (the namespace as written).
    pub label: String,
    /// helm's `# Source:` template of its document.
    pub source: Option<String>,
    /// Its `kind` entry: where findings about the object as a whole point.
    pub anchor: Anchor,
    /// Its `akslint.io/ignore` annotations (and its pod template's).
    pub suppressions: Vec<Suppression>,
    pub what: What,
}

/// The facts of the kinds the cross-file rules read.
#[derive(Debug, Clone)]
pub enum What {
    Namespace,
    Workload(Box<WorkloadFacts>),
    Service(ServiceFacts),
    NetworkPolicy(PolicyFacts),
    ServiceAccount(AccountFacts),
    /// A RoleBinding or ClusterRoleBinding: the ServiceAccounts it binds (namespace, name).
    Binding(Vec<(String, String)>),
    SecretProviderClass(SpcFacts),
}

#[derive(Debug, Clone)]
pub struct WorkloadFacts {
    /// The pod (template) labels; `None` when they cannot be read.
    pub labels: Option<Labels>,
    /// The pod's `metadata.labels` entry, when written.
    pub labels_anchor: Option<Anchor>,
    /// `serviceAccountName` (or the deprecated `serviceAccount`), else `default`.
    pub service_account: String,
    /// The pod spec's `automountServiceAccountToken`, when it is a boolean, and its entry.
    pub automount: Option<(bool, Anchor)>,
    /// The `spec` key holding the pod spec: where pod-level findings point.
    pub spec_anchor: Anchor,
    /// The `azure.workload.identity/use` label when it is `"true"`: its entry.
    pub workload_identity: Option<Anchor>,
    /// Volumes of the Secrets Store CSI driver.
    pub csi_volumes: Vec<CsiVolume>,
    /// Environment variables read from a Secret (`valueFrom.secretKeyRef`).
    pub secret_env: Vec<SecretEnv>,
    /// Long-running containers without a readiness or liveness probe that declare no
    /// `containerPort` and do not idle (the Service half of AKS415 judges them).
    pub unprobed: Vec<ContainerFacts>,
}

#[derive(Debug, Clone)]
pub struct CsiVolume {
    pub volume: String,
    /// `volumeAttributes.secretProviderClass`, when a string.
    pub class: Option<String>,
    /// The `secretProviderClass` entry, else the volume.
    pub anchor: Anchor,
}

#[derive(Debug, Clone)]
pub struct SecretEnv {
    /// `container `app``, as messages name it.
    pub container: String,
    pub var: String,
    pub secret: String,
    /// The `secretKeyRef` entry.
    pub anchor: Anchor,
}

#[derive(Debug, Clone)]
pub struct ContainerFacts {
    /// `container `app``, `sidecar `proxy` (init container with restartPolicy: Always)`.
    pub describe: String,
    /// The container's `name` entry.
    pub anchor: Anchor,
    /// ` (its startupProbe only delays the other two)` or empty.
    pub startup_note: String,
}

#[derive(Debug, Clone)]
pub struct ServiceFacts {
    /// `spec.selector`; empty when the Service selects no pods (its endpoints are managed by
    /// hand), `None` when it cannot be read.
    pub selector: Option<Labels>,
}

#[derive(Debug, Clone)]
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

#[derive(Debug, Clone)]
pub struct AccountFacts {
    /// `azure.workload.identity/client-id` is annotated (and not empty).
    pub client_id: bool,
    /// `automountServiceAccountToken`, when a boolean.
    pub automount: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct SpcFacts {
    /// `spec.provider`.
    pub provider: Option<String>,
    /// The Secrets it syncs (`secretObjects[].secretName`).
    pub synced_secrets: Vec<String>,
}

/// The facts of every scanned file, by path.
#[derive(Debug, Default)]
pub struct Index {
    files: BTreeMap<Arc<str>, FileFacts>,
}

impl Index {
    /// Adds or replaces one file's facts.
    pub fn set(&mut self, file: Arc<str>, facts: FileFacts) {
        self.files.insert(file, facts);
    }

    pub fn remove(&mut self, file: &str) {
        self.files.remove(file);
    }

    /// Every object, in (path, position) order.
    pub fn objects(&self) -> impl Iterator<Item = &ObjectFacts> {
        self.files.values().flat_map(|f| f.objects.iter())
    }

    /// The workloads, in (path, position) order.
    pub fn workloads(&self) -> impl Iterator<Item = (&ObjectFacts, &WorkloadFacts)> {
        self.objects().filter_map(|o| match &o.what {
            What::Workload(w) => Some((o, &**w)),
            _ => None,
        })
    }

    /// The NetworkPolicies, in (path, position) order.
    pub fn policies(&self) -> impl Iterator<Item = (&ObjectFacts, &PolicyFacts)> {
        self.objects().filter_map(|o| match &o.what {
            What::NetworkPolicy(p) => Some((o, p)),
            _ => None,
        })
    }

    /// The Services, in (path, position) order.
    pub fn services(&self) -> impl Iterator<Item = (&ObjectFacts, &ServiceFacts)> {
        self.objects().filter_map(|o| match &o.what {
            What::Service(s) => Some((o, s)),
            _ => None,
        })
    }

    /// The SecretProviderClasses, in (path, position) order.
    pub fn secret_provider_classes(&self) -> impl Iterator<Item = (&ObjectFacts, &SpcFacts)> {
        self.objects().filter_map(|o| match &o.what {
            What::SecretProviderClass(s) => Some((o, s)),
            _ => None,
        })
    }

    /// The ServiceAccount `namespace/name`, when scanned.
    pub fn service_account(&self, namespace: &str, name: &str) -> Option<(&ObjectFacts, &AccountFacts)> {
        self.objects().find_map(|o| match &o.what {
            What::ServiceAccount(a) if o.namespace == namespace && o.name == name => Some((o, a)),
            _ => None,
        })
    }

    /// Whether a scanned RoleBinding or ClusterRoleBinding binds the ServiceAccount.
    pub fn is_bound(&self, namespace: &str, name: &str) -> bool {
        self.objects().any(|o| match &o.what {
            What::Binding(subjects) => subjects.iter().any(|(ns, n)| ns == namespace && n == name),
            _ => false,
        })
    }

    /// The scanned Namespace object of this name.
    pub fn namespace_object(&self, name: &str) -> Option<&ObjectFacts> {
        self.objects()
            .find(|o| matches!(o.what, What::Namespace) && o.name == name)
    }
}
