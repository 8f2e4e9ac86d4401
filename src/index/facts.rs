//! Extracting one object's facts for the index, while its document is alive: the kinds the
//! cross-file rules read (Namespace, the workloads, Service, NetworkPolicy and the Cilium and
//! Calico policies, ServiceAccount, the RBAC bindings, SecretProviderClass, custom resources that
//! may create pods), with their positions resolved.

use super::{
    AccountFacts, Anchor, ContainerFacts, CsiVolume, ObjectFacts, PolicyFacts, Port, SecretEnv,
    ServiceFacts, Serving, SpcFacts, What, WorkloadFacts, engines,
};
use crate::k8s::selector::{read_labels, read_selector};
use crate::k8s::{Object, Workload, probes};
use crate::source::{LineIndex, Span};
use crate::suppress::Suppression;
use crate::yaml::{Document, Entry, NodeId};
use std::sync::Arc;

/// The Secrets Store CSI driver, as a volume names it.
pub const SECRETS_STORE_DRIVER: &str = "secrets-store.csi.k8s.io";
/// The label that opts a pod into Microsoft Entra Workload Identity.
pub const WORKLOAD_IDENTITY_LABEL: &str = "azure.workload.identity/use";
/// The Namespace annotation that isolated pods before NetworkPolicy was GA (Kubernetes ≤ 1.6).
pub const LEGACY_ISOLATION_ANNOTATION: &str = "net.beta.kubernetes.io/network-policy";
/// The ServiceAccount annotation naming the managed identity's client ID.
pub const CLIENT_ID_ANNOTATION: &str = "azure.workload.identity/client-id";

/// One file's text, for resolving spans, and the namespace of objects that name none.
pub struct Extractor<'a> {
    pub file: Arc<str>,
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub default_namespace: &'a str,
}

impl Extractor<'_> {
    pub fn anchor(&self, span: Span) -> Anchor {
        Anchor {
            file: self.file.clone(),
            span,
            start: self.lines.pos(self.text, span.start as usize),
            end: self.lines.pos(self.text, span.end as usize),
            path: None,
        }
    }

    /// Resolves the positions of suppressions held until the cross-file rules have run.
    pub fn hold(&self, sups: &mut [Suppression]) {
        for s in sups {
            let a = self.anchor(s.span);
            s.positions = Some((a.start, a.end));
        }
    }

    /// The facts of `obj`, when it is of a kind the cross-file rules read. `suppressions` are its
    /// annotation suppressions (kept for the cross-file findings about it).
    pub fn object(
        &self,
        obj: &Object<'_, '_>,
        workload: Option<&Workload<'_, '_>>,
        source: Option<&str>,
        suppressions: Vec<Suppression>,
    ) -> Option<ObjectFacts> {
        let what = match workload {
            Some(w) => What::Workload(Box::new(self.workload(w))),
            None => self.other(obj)?,
        };
        let mut facts = ObjectFacts {
            kind: obj.kind.to_string(),
            name: obj.name.unwrap_or("<unnamed>").to_string(),
            namespace: obj.namespace.unwrap_or(self.default_namespace).to_string(),
            namespace_written: obj.namespace.is_some(),
            label: obj.display(),
            source: source.map(str::to_string),
            anchor: self.anchor(obj.anchor()),
            suppressions,
            what,
        };
        for a in facts.anchors_mut() {
            a.path = crate::yaml::path::at(obj.doc, a.span.start).filter(|p| !p.is_empty());
        }
        Some(facts)
    }

    fn other(&self, obj: &Object<'_, '_>) -> Option<What> {
        Some(match kind_of(obj)? {
            Kind::Namespace => What::Namespace {
                legacy_isolation: obj.annotation(LEGACY_ISOLATION_ANNOTATION).is_some(),
            },
            Kind::Service => What::Service(service(obj)),
            Kind::ServiceAccount => What::ServiceAccount(self.account(obj)),
            Kind::NetworkPolicy => What::NetworkPolicy(self.policy(obj)?),
            Kind::Cilium => What::EnginePolicy(engines::cilium(obj)),
            Kind::Calico => What::EnginePolicy(engines::calico(obj)),
            Kind::Binding => What::Binding(self.bound_accounts(obj)),
            Kind::Custom => What::CustomResource,
            Kind::SecretStore => What::SecretStore {
                key_vault: obj
                    .doc
                    .get_at(obj.node, &["spec", "provider", "azurekv"])
                    .is_some_and(|p| obj.doc.is_map(p)),
            },
            Kind::SecretProviderClass => What::SecretProviderClass(spc(obj)),
        })
    }

    fn workload(&self, w: &Workload<'_, '_>) -> WorkloadFacts {
        let doc = w.pod.doc;
        let labels_entry = w.pod.pod_metadata.and_then(|m| doc.entry(m, "labels"));
        let str_of = |key: &str| {
            w.pod.entry(key).and_then(|e| {
                doc.str(e.value)
                    .filter(|s| !doc.is_null(e.value) && !s.is_empty())
            })
        };
        let automount = w.pod.entry("automountServiceAccountToken");
        let workload_identity = labels_entry
            .and_then(|l| doc.entry(l.value, WORKLOAD_IDENTITY_LABEL))
            .filter(|e| {
                doc.str(e.value)
                    .is_some_and(|v| v.eq_ignore_ascii_case("true"))
            })
            .map(|e| self.anchor(doc.entry_span(e)));
        WorkloadFacts {
            labels: read_labels(doc, labels_entry.map(|e| e.value)),
            labels_anchor: labels_entry.map(|e| self.anchor(doc.span(e.key))),
            service_account: str_of("serviceAccountName")
                .or_else(|| str_of("serviceAccount"))
                .unwrap_or("default")
                .to_string(),
            automount: automount
                .and_then(|e| Some((doc.bool(e.value)?, self.anchor(doc.entry_span(e))))),
            automount_invalid: automount
                .is_some_and(|e| doc.bool(e.value).is_none() && !doc.is_null(e.value)),
            spec_anchor: self.anchor(w.pod.anchor()),
            workload_identity,
            csi_volumes: self.csi_volumes(w),
            secret_env: self.secret_env(w),
            serving: self.serving(w),
        }
    }

    fn account(&self, obj: &Object<'_, '_>) -> AccountFacts {
        let doc = obj.doc;
        let client_id = obj
            .metadata
            .and_then(|m| doc.get(m.value, "annotations"))
            .and_then(|a| doc.entry(a, CLIENT_ID_ANNOTATION))
            .filter(|e| doc.str(e.value).is_some_and(|v| !v.trim().is_empty()));
        AccountFacts {
            client_id: client_id.map(|e| self.anchor(doc.entry_span(e))),
            automount: doc
                .entry(obj.node, "automountServiceAccountToken")
                .and_then(|e: Entry| doc.bool(e.value)),
        }
    }

    /// What the Service half of AKS415 needs: the long-running containers, their declared
    /// ports, and those without probes or a `containerPort`.
    fn serving(&self, w: &Workload<'_, '_>) -> Serving {
        let containers = probes::long_running(w);
        let ports = containers
            .iter()
            .flat_map(|c| &c.ports)
            .flat_map(|(n, name)| {
                n.map(Port::Number)
                    .into_iter()
                    .chain(name.clone().map(Port::Name))
            })
            .collect();
        let unprobed = containers
            .iter()
            .filter(|c| !c.probed && !c.serves)
            .map(|u| ContainerFacts {
                describe: u.describe(),
                anchor: self.anchor(u.container.anchor()),
                startup_note: if u.startup {
                    " (its startupProbe only delays the other two)".to_string()
                } else {
                    String::new()
                },
            })
            .collect();
        Serving {
            containers: containers.len(),
            ports,
            unprobed,
        }
    }

    fn csi_volumes(&self, w: &Workload<'_, '_>) -> Vec<CsiVolume> {
        let doc = w.pod.doc;
        w.pod
            .volumes()
            .into_iter()
            .filter_map(|v| {
                let csi = doc.get(v, "csi").filter(|&c| doc.is_map(c))?;
                let driver = doc.get(csi, "driver").and_then(|d| doc.str(d))?;
                if driver.trim() != SECRETS_STORE_DRIVER {
                    return None;
                }
                let class = doc
                    .get(csi, "volumeAttributes")
                    .and_then(|a| doc.entry(a, "secretProviderClass"));
                Some(CsiVolume {
                    volume: doc
                        .get(v, "name")
                        .and_then(|n| doc.str(n))
                        .unwrap_or("<unnamed>")
                        .to_string(),
                    class: class.and_then(|e| doc.str(e.value)).map(str::to_string),
                    anchor: self.anchor(class.map_or(doc.span(v), |e| doc.entry_span(e))),
                })
            })
            .collect()
    }

    fn secret_env(&self, w: &Workload<'_, '_>) -> Vec<SecretEnv> {
        let mut out = Vec::new();
        for c in &w.containers {
            let doc = c.doc;
            let Some(env) = c.entry("env") else { continue };
            for var in doc.seq(env.value) {
                let Some(r) = doc
                    .get(var, "valueFrom")
                    .and_then(|v| doc.entry(v, "secretKeyRef"))
                else {
                    continue;
                };
                let Some(secret) = doc.get(r.value, "name").and_then(|n| doc.str(n)) else {
                    continue;
                };
                out.push(SecretEnv {
                    container: c.describe(),
                    var: doc
                        .get(var, "name")
                        .and_then(|n| doc.str(n))
                        .unwrap_or("<unnamed>")
                        .to_string(),
                    secret: secret.to_string(),
                    anchor: self.anchor(doc.span(r.key)),
                });
            }
        }
        out
    }

    fn policy(&self, obj: &Object<'_, '_>) -> Option<PolicyFacts> {
        let doc = obj.doc;
        let spec = doc.get(obj.node, "spec").filter(|&s| doc.is_map(s))?;
        let selector = doc.entry(spec, "podSelector");
        let types: Vec<&str> = doc
            .get(spec, "policyTypes")
            .map(|t| doc.seq(t).filter_map(|i| doc.str(i)).collect())
            .unwrap_or_default();
        let written = |key: &str| doc.get(spec, key).is_some_and(|v| !doc.is_null(v));
        let (ingress, egress) = if types.is_empty() {
            (true, written("egress"))
        } else {
            (types.contains(&"Ingress"), types.contains(&"Egress"))
        };
        Some(PolicyFacts {
            pod_selector: read_selector(doc, selector.map(|e| e.value)),
            selector_anchor: self.anchor(selector.map_or(obj.anchor(), |e| doc.span(e.key))),
            ingress,
            egress,
            no_ingress_rules: no_rules(doc, doc.get(spec, "ingress")),
            no_egress_rules: no_rules(doc, doc.get(spec, "egress")),
        })
    }

    /// The ServiceAccounts a binding binds: (namespace, name), a RoleBinding's own namespace
    /// when the subject names none.
    fn bound_accounts(&self, obj: &Object<'_, '_>) -> Vec<(String, String)> {
        let doc = obj.doc;
        let Some(subjects) = doc.get(obj.node, "subjects") else {
            return Vec::new();
        };
        let own = obj.namespace.unwrap_or(self.default_namespace);
        doc.seq(subjects)
            .filter_map(|s| {
                let text = |k: &str| {
                    doc.get(s, k)
                        .and_then(|v| doc.str(v))
                        .filter(|v| !v.is_empty())
                };
                if text("kind")? != "ServiceAccount" {
                    return None;
                }
                let ns = text("namespace").unwrap_or(own);
                Some((ns.to_string(), text("name")?.to_string()))
            })
            .collect()
    }
}

/// The kinds (other than workloads) that have facts.
enum Kind {
    Namespace,
    Service,
    ServiceAccount,
    NetworkPolicy,
    Cilium,
    Calico,
    Binding,
    SecretProviderClass,
    /// A custom resource that may have an operator create pods.
    Custom,
    /// An External Secrets store.
    SecretStore,
}

fn kind_of(obj: &Object<'_, '_>) -> Option<Kind> {
    let group = obj.api_version.rsplit_once('/').map_or("", |(g, _)| g);
    Some(match (group, obj.kind) {
        ("", "Namespace") => Kind::Namespace,
        ("", "Service") => Kind::Service,
        ("", "ServiceAccount") => Kind::ServiceAccount,
        ("networking.k8s.io" | "extensions", "NetworkPolicy") => Kind::NetworkPolicy,
        ("cilium.io", "CiliumNetworkPolicy" | "CiliumClusterwideNetworkPolicy") => Kind::Cilium,
        (
            "projectcalico.org" | "crd.projectcalico.org",
            "NetworkPolicy" | "GlobalNetworkPolicy",
        ) => Kind::Calico,
        ("rbac.authorization.k8s.io", "RoleBinding" | "ClusterRoleBinding") => Kind::Binding,
        ("secrets-store.csi.x-k8s.io", "SecretProviderClass") => Kind::SecretProviderClass,
        ("external-secrets.io", "SecretStore" | "ClusterSecretStore") => Kind::SecretStore,
        (group, kind) if !builtin(group) && !creates_no_pods(group, kind) => Kind::Custom,
        _ => return None,
    })
}

/// Kubernetes' own API groups (`*.k8s.io`; `*.x-k8s.io` are SIG projects' custom resources).
fn builtin(group: &str) -> bool {
    matches!(
        group,
        "" | "apps" | "batch" | "autoscaling" | "policy" | "extensions"
    ) || (group.ends_with(".k8s.io") && !group.ends_with(".x-k8s.io"))
}

/// Custom resources known to create no pods: policies, secrets, certificates, scrape configs.
fn creates_no_pods(group: &str, kind: &str) -> bool {
    matches!(
        group,
        "secrets-store.csi.x-k8s.io"
            | "cilium.io"
            | "projectcalico.org"
            | "crd.projectcalico.org"
            | "external-secrets.io"
            | "cert-manager.io"
            | "networking.istio.io"
            | "security.istio.io"
            | "aadpodidentity.k8s.io"
            | "kustomize.config.k8s.io"
    ) || (group == "monitoring.coreos.com"
        && matches!(
            kind,
            "ServiceMonitor"
                | "PodMonitor"
                | "PrometheusRule"
                | "Probe"
                | "AlertmanagerConfig"
                | "ScrapeConfig"
        ))
}

/// No rules for a direction: the field absent, null or `[]`; `None` when it is something else.
fn no_rules(doc: &Document<'_>, rules: Option<NodeId>) -> Option<bool> {
    match rules {
        None => Some(true),
        Some(r) if doc.is_null(r) => Some(true),
        Some(r) if doc.is_map(r) || doc.str(r).is_some() => None,
        Some(r) => Some(doc.seq(r).next().is_none()),
    }
}

fn service(obj: &Object<'_, '_>) -> ServiceFacts {
    let doc = obj.doc;
    let selector = doc.get_at(obj.node, &["spec", "selector"]);
    let ports = doc.get_at(obj.node, &["spec", "ports"]);
    let targets = ports
        .map(|ports| {
            doc.seq(ports)
                .map(|p| {
                    // `targetPort` (a number or a port name), else `port`.
                    let v = doc
                        .get(p, "targetPort")
                        .filter(|&v| !doc.is_null(v))
                        .or_else(|| doc.get(p, "port"))?;
                    doc.int(v)
                        .map(Port::Number)
                        .or_else(|| doc.str(v).map(|s| Port::Name(s.to_string())))
                })
                .collect::<Option<Vec<_>>>()
        })
        .unwrap_or(Some(Vec::new()));
    ServiceFacts {
        selector: read_labels(doc, selector),
        targets,
    }
}

fn spc(obj: &Object<'_, '_>) -> SpcFacts {
    let doc = obj.doc;
    let spec = doc.get(obj.node, "spec");
    SpcFacts {
        provider: spec
            .and_then(|s| doc.get(s, "provider"))
            .and_then(|p| doc.str(p))
            .map(str::to_string),
        synced_secrets: spec
            .and_then(|s| doc.get(s, "secretObjects"))
            .map(|list| {
                doc.seq(list)
                    .filter_map(|o| doc.get(o, "secretName").and_then(|n| doc.str(n)))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
    }
}
