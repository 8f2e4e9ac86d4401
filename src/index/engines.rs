//! The policies of the network-policy engines AKS runs besides Kubernetes' own NetworkPolicy:
//! Cilium (`network_policy = "cilium"`, Azure CNI powered by Cilium: `CiliumNetworkPolicy`,
//! `CiliumClusterwideNetworkPolicy`) and Calico (`projectcalico.org` `NetworkPolicy`,
//! `GlobalNetworkPolicy`). Each isolates the pods it selects in the directions it has rules
//! for, as a NetworkPolicy does, so the coverage rules must count them: a workload covered by a
//! CiliumNetworkPolicy is not "covered by no policy".
//!
//! Only what is certain is read: a Cilium `endpointSelector` is a label selector (its `k8s:` and
//! `any:` key prefixes dropped, `io.kubernetes.pod.namespace` matched against the pod's
//! namespace); anything else — a Calico selector expression other than `all()`, Cilium's
//! `reserved:` and `io.cilium.` keys — may select any pod, so the rules stay silent on it.

use super::{EngineFacts, EngineRule};
use crate::k8s::Object;
use crate::k8s::selector::{Selector, read_selector};
use crate::yaml::{Document, NodeId};
use serde::Deserialize;

pub const CILIUM: &str = "Cilium";
pub const CALICO: &str = "Calico";
/// The engines, as [`EngineFacts::engine`] names them.
pub const ENGINES: [&str; 2] = [CILIUM, CALICO];

/// [`EngineFacts`] as the cache stores them: the engine by name, read back as the one
/// [`ENGINES`] holds.
#[derive(Deserialize)]
struct StoredEngineFacts {
    engine: String,
    clusterwide: bool,
    rules: Vec<EngineRule>,
}

impl<'de> Deserialize<'de> for EngineFacts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<EngineFacts, D::Error> {
        let s = StoredEngineFacts::deserialize(d)?;
        let engine = ENGINES
            .into_iter()
            .find(|e| *e == s.engine)
            .ok_or_else(|| serde::de::Error::custom(format!("no policy engine `{}`", s.engine)))?;
        Ok(EngineFacts {
            engine,
            clusterwide: s.clusterwide,
            rules: s.rules,
        })
    }
}

/// The label Cilium gives every endpoint for its pod's namespace.
pub const CILIUM_NAMESPACE_LABEL: &str = "io.kubernetes.pod.namespace";

/// `CiliumNetworkPolicy` / `CiliumClusterwideNetworkPolicy`: the rules of `spec` and of
/// `specs`; rules that select nodes (`nodeSelector`, host policies) are not about pods.
pub fn cilium(obj: &Object<'_, '_>) -> EngineFacts {
    let doc = obj.doc;
    let mut rules = Vec::new();
    if let Some(spec) = doc.get(obj.node, "spec").filter(|&s| doc.is_map(s)) {
        rules.extend(cilium_rule(doc, spec));
    }
    if let Some(specs) = doc.get(obj.node, "specs") {
        rules.extend(doc.seq(specs).filter_map(|s| cilium_rule(doc, s)));
    }
    EngineFacts {
        engine: CILIUM,
        clusterwide: obj.kind == "CiliumClusterwideNetworkPolicy",
        rules,
    }
}

fn cilium_rule(doc: &Document<'_>, rule: NodeId) -> Option<EngineRule> {
    if !doc.is_map(rule) || doc.get(rule, "nodeSelector").is_some() {
        return None;
    }
    let written = |k: &str| doc.get(rule, k).is_some_and(|v| !doc.is_null(v));
    // `enableDefaultDeny: {ingress: false}` (Cilium ≥ 1.15) keeps a rule from isolating.
    let isolates = |k: &str| {
        doc.get_at(rule, &["enableDefaultDeny", k])
            .and_then(|v| doc.bool(v))
            != Some(false)
    };
    Some(EngineRule {
        selector: read_selector(doc, doc.get(rule, "endpointSelector")).and_then(cilium_keys),
        ingress: (written("ingress") || written("ingressDeny")) && isolates("ingress"),
        egress: (written("egress") || written("egressDeny")) && isolates("egress"),
    })
}

/// A Cilium selector over pod labels: `k8s:`/`any:` prefixes dropped; `None` for keys of other
/// sources (`reserved:`, `cidr:`…) and Cilium's own `io.cilium.` labels.
fn cilium_keys(mut s: Selector) -> Option<Selector> {
    for r in &mut s.requirements {
        let key = r
            .key
            .strip_prefix("k8s:")
            .or_else(|| r.key.strip_prefix("any:"))
            .unwrap_or(&r.key)
            .to_string();
        if key.contains(':') || key.starts_with("io.cilium.") {
            return None;
        }
        r.key = key;
    }
    Some(s)
}

/// Calico's `NetworkPolicy` / `GlobalNetworkPolicy` (`projectcalico.org/v3`, or the
/// `crd.projectcalico.org/v1` CRDs): one rule; its selector is an expression, read only when it
/// selects everything (absent, empty or `all()`).
pub fn calico(obj: &Object<'_, '_>) -> EngineFacts {
    let doc = obj.doc;
    let spec = doc.get(obj.node, "spec").filter(|&s| doc.is_map(s));
    let rules = spec.map(|spec| {
        let selector = match doc.get(spec, "selector").filter(|&v| !doc.is_null(v)) {
            None => Some(Selector::default()),
            Some(v) => doc
                .str(v)
                .map(str::trim)
                .filter(|e| e.is_empty() || *e == "all()")
                .map(|_| Selector::default()),
        };
        let types: Option<Vec<&str>> = doc
            .get(spec, "types")
            .filter(|&t| !doc.is_null(t))
            .map(|t| doc.seq(t).filter_map(|i| doc.str(i)).collect());
        let written = |k: &str| doc.get(spec, k).is_some_and(|v| !doc.is_null(v));
        let (ingress, egress) = match types {
            Some(t) => (t.contains(&"Ingress"), t.contains(&"Egress")),
            // Calico's default, as Kubernetes': Ingress, and Egress when it has egress rules.
            None => (true, written("egress")),
        };
        EngineRule {
            selector,
            ingress,
            egress,
        }
    });
    EngineFacts {
        engine: CALICO,
        clusterwide: obj.kind == "GlobalNetworkPolicy",
        rules: rules.into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::selector::Labels;
    use crate::yaml::{YamlLimits, parse_file};

    fn facts(yaml: &str) -> EngineFacts {
        let f = parse_file(yaml, &YamlLimits::default());
        let doc = f.docs[0].as_ref().unwrap();
        let obj = Object::new(doc, doc.root.unwrap()).unwrap();
        if obj.api_version.starts_with("cilium.io") {
            cilium(&obj)
        } else {
            calico(&obj)
        }
    }

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn cilium_selectors_read_pod_labels_and_the_namespace() {
        let p = facts(
            "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: p}\nspecs:\n  - endpointSelector:\n      matchLabels: {k8s:app: web, any:tier: front, io.kubernetes.pod.namespace: shop}\n    ingress: [{}]\n  - nodeSelector: {}\n    ingress: [{}]\n",
        );
        assert!(p.clusterwide);
        assert_eq!(p.rules.len(), 1, "the node rule is not about pods");
        let r = &p.rules[0];
        assert!(r.ingress && !r.egress);
        let web = labels(&[("app", "web"), ("tier", "front")]);
        assert!(r.may_select(Some(&web), "shop"));
        assert!(!r.may_select(Some(&web), "other"));
        assert!(!r.may_select(Some(&labels(&[("app", "web")])), "shop"));
        assert!(r.may_apply_in("shop") && !r.may_apply_in("other"));
        assert!(!r.may_select_all("shop"));
    }

    #[test]
    fn cilium_rules_isolate_only_the_directions_they_have() {
        let p = facts(
            "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  endpointSelector: {}\n  egressDeny: [{toEntities: [world]}]\n  ingress: [{}]\n  enableDefaultDeny: {ingress: false}\n",
        );
        let r = &p.rules[0];
        assert!(!r.ingress, "enableDefaultDeny.ingress: false");
        assert!(r.egress, "egressDeny isolates too");
        assert!(r.may_select_all("shop"));
        let none = facts(
            "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p}\nspec:\n  endpointSelector: {}\n",
        );
        assert!(!none.rules[0].ingress && !none.rules[0].egress);
    }

    #[test]
    fn other_cilium_label_sources_may_select_anything() {
        let p = facts(
            "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p}\nspec:\n  endpointSelector:\n    matchLabels: {reserved:host: ''}\n  ingress: [{}]\n",
        );
        assert!(p.rules[0].selector.is_none());
        assert!(p.rules[0].may_select(Some(&Labels::new()), "any"));
    }

    #[test]
    fn calico_reads_all_and_the_default_types() {
        let all = facts(
            "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: p}\nspec:\n  selector: all()\n  egress: [{action: Allow}]\n",
        );
        assert!(all.clusterwide);
        let r = &all.rules[0];
        assert!(
            r.ingress && r.egress,
            "Ingress by default, Egress with egress rules"
        );
        assert!(r.may_select_all("any"));
        let expr = facts(
            "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p, namespace: a}\nspec:\n  selector: app == 'web'\n  types: [Egress]\n",
        );
        let r = &expr.rules[0];
        assert!(r.selector.is_none(), "an expression is not evaluated");
        assert!(!r.ingress && r.egress);
    }
}
