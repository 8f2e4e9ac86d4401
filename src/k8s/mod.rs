//! The Kubernetes object model: objects found in a YAML document (`kind: List` items included),
//! the pod-spec view of every workload kind, and the workload view the pod rules share.

pub mod env;
mod pod;
pub mod probes;
pub mod selector;
mod workload;

pub use pod::{Container, ContainerKind, Level, PodSpec};
pub use workload::Workload;

use crate::source::Span;
use crate::yaml::{Document, Entry, NodeId};

/// One Kubernetes object: a mapping with a string `apiVersion` and `kind`.
#[derive(Clone, Copy)]
pub struct Object<'d, 't> {
    pub doc: &'d Document<'t>,
    pub node: NodeId,
    pub api_version: &'d str,
    pub kind: &'d str,
    pub kind_entry: Entry,
    pub metadata: Option<Entry>,
    pub name: Option<&'d str>,
    pub namespace: Option<&'d str>,
}

/// The objects of a document: its root, or the items of a `List`.
pub fn objects<'d, 't>(doc: &'d Document<'t>) -> Vec<Object<'d, 't>> {
    let Some(root) = doc.root else {
        return Vec::new();
    };
    let Some(obj) = Object::new(doc, root) else {
        return Vec::new();
    };
    if (obj.kind == "List" || (obj.kind.ends_with("List") && obj.api_version == "v1"))
        && let Some(items) = doc.get(root, "items")
    {
        return doc.seq(items).filter_map(|i| Object::new(doc, i)).collect();
    }
    vec![obj]
}

impl<'d, 't> Object<'d, 't> {
    pub fn new(doc: &'d Document<'t>, node: NodeId) -> Option<Self> {
        if !doc.is_map(node) {
            return None;
        }
        let api_version = doc.str(doc.get(node, "apiVersion")?)?;
        let kind_entry = doc.entry(node, "kind")?;
        let kind = doc.str(kind_entry.value)?;
        let metadata = doc.entry(node, "metadata").filter(|m| doc.is_map(m.value));
        let meta_str = |k: &str| {
            metadata
                .and_then(|m| doc.get(m.value, k))
                .and_then(|v| doc.str(v))
                .filter(|s| !s.is_empty())
        };
        Some(Object {
            doc,
            node,
            api_version,
            kind,
            kind_entry,
            metadata,
            name: meta_str("name"),
            namespace: meta_str("namespace"),
        })
    }

    /// `Kind namespace/name`, or `Kind name` without a namespace.
    pub fn display(&self) -> String {
        let name = self.name.unwrap_or("<unnamed>");
        match self.namespace {
            Some(ns) => format!("{} {}/{}", self.kind, ns, name),
            None => format!("{} {}", self.kind, name),
        }
    }

    /// The span used when a finding is about the object as a whole: its `kind` entry.
    pub fn anchor(&self) -> Span {
        self.doc.entry_span(self.kind_entry)
    }

    pub fn span(&self) -> Span {
        self.doc.span(self.node)
    }

    /// `metadata.annotations[key]` as a string.
    pub fn annotation(&self, key: &str) -> Option<&'d str> {
        let m = self.metadata?;
        let a = self.doc.get(m.value, "annotations")?;
        self.doc.str(self.doc.get(a, key)?)
    }

    /// The pod spec of a workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
    /// ReplicationController, Job, CronJob); `None` for every other kind.
    pub fn pod_spec(&self) -> Option<PodSpec<'d, 't>> {
        PodSpec::of(self)
    }
}

/// The kinds that carry a pod template (a Pod carries its own spec).
pub const WORKLOAD_KINDS: &[&str] = &[
    "Pod",
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "ReplicationController",
    "Job",
    "CronJob",
];

/// Is `kind` one of the kinds that carry a pod template?
pub fn is_workload_kind(kind: &str) -> bool {
    WORKLOAD_KINDS.contains(&kind)
}
