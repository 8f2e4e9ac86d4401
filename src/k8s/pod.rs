//! Pod-spec views: containers of every kind and the effective securityContext.

use super::{Object, is_workload_kind};
use crate::source::Span;
use crate::yaml::{Document, Entry, NodeId};

/// The pod spec of a workload, and where it sits.
pub struct PodSpec<'d, 't> {
    pub doc: &'d Document<'t>,
    /// The `spec` entry whose value is the pod spec (the anchor for pod-level "missing" findings).
    pub spec_entry: Entry,
    /// The pod spec mapping.
    pub node: NodeId,
    /// The pod's metadata mapping: the template's for controllers, the object's for a Pod.
    pub pod_metadata: Option<NodeId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ContainerKind {
    Container,
    Init,
    Ephemeral,
}

impl ContainerKind {
    pub fn field(self) -> &'static str {
        match self {
            ContainerKind::Container => "containers",
            ContainerKind::Init => "initContainers",
            ContainerKind::Ephemeral => "ephemeralContainers",
        }
    }

    /// How messages name it: "container", "init container", "ephemeral container".
    pub fn noun(self) -> &'static str {
        match self {
            ContainerKind::Container => "container",
            ContainerKind::Init => "init container",
            ContainerKind::Ephemeral => "ephemeral container",
        }
    }
}

/// One container of a pod spec.
pub struct Container<'d, 't> {
    pub doc: &'d Document<'t>,
    pub node: NodeId,
    pub kind: ContainerKind,
    pub name: &'d str,
    pub name_entry: Option<Entry>,
    /// The pod spec the container belongs to (for inherited settings).
    pod_node: NodeId,
}

impl<'d, 't> PodSpec<'d, 't> {
    pub fn of(obj: &Object<'d, 't>) -> Option<Self> {
        if !is_workload_kind(obj.kind) {
            return None;
        }
        let doc = obj.doc;
        let (spec_entry, pod_metadata) = match obj.kind {
            "Pod" => (doc.entry(obj.node, "spec")?, obj.metadata.map(|m| m.value)),
            "CronJob" => {
                let t = doc.get_at(obj.node, &["spec", "jobTemplate", "spec", "template"])?;
                (doc.entry(t, "spec")?, doc.get(t, "metadata"))
            }
            _ => {
                let t = doc.get_at(obj.node, &["spec", "template"])?;
                (doc.entry(t, "spec")?, doc.get(t, "metadata"))
            }
        };
        if !doc.is_map(spec_entry.value) {
            return None;
        }
        Some(PodSpec {
            doc,
            spec_entry,
            node: spec_entry.value,
            pod_metadata: pod_metadata.filter(|&m| doc.is_map(m)),
        })
    }

    /// Span of the `spec` key holding the pod spec.
    pub fn anchor(&self) -> Span {
        self.doc.span(self.spec_entry.key)
    }

    pub fn entry(&self, key: &str) -> Option<Entry> {
        self.doc.entry(self.node, key)
    }

    pub fn entry_at(&self, path: &[&str]) -> Option<Entry> {
        self.doc.entry_at(self.node, path)
    }

    /// An entry of the pod-level `securityContext`.
    pub fn security_context(&self, path: &[&str]) -> Option<Entry> {
        let sc = self.doc.get(self.node, "securityContext")?;
        self.doc.entry_at(sc, path)
    }

    /// Every container: `containers`, then `initContainers`, then `ephemeralContainers`.
    pub fn containers(&self) -> Vec<Container<'d, 't>> {
        let doc = self.doc;
        let mut out = Vec::new();
        for kind in [
            ContainerKind::Container,
            ContainerKind::Init,
            ContainerKind::Ephemeral,
        ] {
            let Some(list) = doc.get(self.node, kind.field()) else {
                continue;
            };
            for c in doc.seq(list).filter(|&c| doc.is_map(c)) {
                let name_entry = doc.entry(c, "name");
                out.push(Container {
                    doc,
                    node: c,
                    kind,
                    name: name_entry
                        .and_then(|e| doc.str(e.value))
                        .unwrap_or("<unnamed>"),
                    name_entry,
                    pod_node: self.node,
                });
            }
        }
        out
    }

    /// Windows pods are exempt from the Linux-only Pod Security Standards controls: `spec.os.name:
    /// windows`, a `kubernetes.io/os` (or `beta.kubernetes.io/os`) node selector `windows`, an AKS
    /// `kubernetes.azure.com/os-sku: Windows…` selector, or a required node affinity whose every term
    /// demands `kubernetes.io/os In [windows]`.
    pub fn is_windows(&self) -> bool {
        let doc = self.doc;
        let is_windows = |v: Option<NodeId>| {
            v.and_then(|v| doc.str(v))
                .is_some_and(|s| s.eq_ignore_ascii_case("windows"))
        };
        let selector = |key: &str| doc.get_at(self.node, &["nodeSelector", key]);
        if is_windows(doc.get_at(self.node, &["os", "name"]))
            || is_windows(selector("kubernetes.io/os"))
            || is_windows(selector("beta.kubernetes.io/os"))
            || selector("kubernetes.azure.com/os-sku")
                .and_then(|v| doc.str(v))
                .is_some_and(|s| s.to_ascii_lowercase().starts_with("windows"))
        {
            return true;
        }
        let path = [
            "affinity",
            "nodeAffinity",
            "requiredDuringSchedulingIgnoredDuringExecution",
            "nodeSelectorTerms",
        ];
        let Some(terms) = doc.get_at(self.node, &path) else {
            return false;
        };
        let mut terms = doc.seq(terms).peekable();
        terms.peek().is_some()
            && terms.all(|t| {
                let Some(exprs) = doc.get(t, "matchExpressions") else {
                    return false;
                };
                doc.seq(exprs).any(|x| {
                    let s = |k: &str| doc.get(x, k).and_then(|v| doc.str(v));
                    let values: Vec<&str> = doc
                        .get(x, "values")
                        .map(|v| doc.seq(v).filter_map(|i| doc.str(i)).collect())
                        .unwrap_or_default();
                    matches!(s("key"), Some("kubernetes.io/os" | "beta.kubernetes.io/os"))
                        && s("operator") == Some("In")
                        && !values.is_empty()
                        && values.iter().all(|v| v.eq_ignore_ascii_case("windows"))
                })
            })
    }

    /// `metadata.annotations[key]` of the pod (template).
    pub fn annotation(&self, key: &str) -> Option<&'d str> {
        let a = self.doc.get(self.pod_metadata?, "annotations")?;
        self.doc.str(self.doc.get(a, key)?)
    }

    /// The pod's annotations, as written.
    pub fn annotations(&self) -> Vec<Entry> {
        match self
            .pod_metadata
            .and_then(|m| self.doc.get(m, "annotations"))
        {
            Some(a) => self.doc.entries(a),
            None => Vec::new(),
        }
    }

    /// The pod's volumes (mappings only).
    pub fn volumes(&self) -> Vec<NodeId> {
        match self.doc.get(self.node, "volumes") {
            Some(v) => self.doc.seq(v).filter(|&v| self.doc.is_map(v)).collect(),
            None => Vec::new(),
        }
    }
}

/// Where an effective securityContext value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Container,
    Pod,
}

impl<'d, 't> Container<'d, 't> {
    /// Span of the container's `name` entry (the anchor for "missing" findings), or the whole
    /// container when it has no name.
    pub fn anchor(&self) -> Span {
        match self.name_entry {
            Some(e) => self.doc.entry_span(e),
            None => self.doc.span(self.node),
        }
    }

    /// `container "web"`, `init container "setup"`…
    pub fn describe(&self) -> String {
        format!("{} `{}`", self.kind.noun(), self.name)
    }

    pub fn entry(&self, key: &str) -> Option<Entry> {
        self.doc.entry(self.node, key)
    }

    pub fn entry_at(&self, path: &[&str]) -> Option<Entry> {
        self.doc.entry_at(self.node, path)
    }

    /// An entry of the container's own `securityContext`.
    pub fn security_context(&self, path: &[&str]) -> Option<Entry> {
        let sc = self.doc.get(self.node, "securityContext")?;
        self.doc.entry_at(sc, path)
    }

    /// `securityContext.privileged: true` (a container-level field only): the container has
    /// every capability and device and no confinement, whatever else its context says.
    pub fn privileged(&self) -> bool {
        self.security_context(&["privileged"])
            .is_some_and(|e| self.doc.bool(e.value) == Some(true))
    }

    /// The effective value of a setting that Kubernetes inherits from the pod's
    /// `securityContext` (runAsNonRoot, runAsUser, runAsGroup, seccompProfile, seLinuxOptions,
    /// windowsOptions, appArmorProfile): the container's own entry, else the pod's.
    /// A null value sets nothing and falls through to the pod's.
    pub fn effective(&self, path: &[&str]) -> Option<(Entry, Level)> {
        let set = |e: &Entry| !self.doc.is_null(e.value);
        if let Some(e) = self.security_context(path).filter(set) {
            return Some((e, Level::Container));
        }
        let sc = self.doc.get(self.pod_node, "securityContext")?;
        self.doc
            .entry_at(sc, path)
            .filter(set)
            .map(|e| (e, Level::Pod))
    }
}
