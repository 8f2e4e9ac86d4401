//! Labels and label selectors as Kubernetes evaluates them: `matchLabels` and `matchExpressions`
//! (`In`, `NotIn`, `Exists`, `DoesNotExist`), every requirement ANDed; an empty selector selects
//! everything. A selector that cannot be read (an unknown operator, a value that is not a string,
//! a list where a map belongs) is `None`: it may select anything, so rules stay silent on it.

use crate::yaml::{Document, NodeId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The labels of an object or pod template.
pub type Labels = BTreeMap<String, String>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    pub key: String,
    pub op: Op,
    pub values: Vec<String>,
}

/// A label selector: every requirement must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selector {
    pub requirements: Vec<Requirement>,
}

impl Selector {
    /// `{}`: every pod of the namespace.
    pub fn is_empty(&self) -> bool {
        self.requirements.is_empty()
    }

    pub fn matches(&self, labels: &Labels) -> bool {
        self.requirements.iter().all(|r| {
            let value = labels.get(&r.key);
            match r.op {
                Op::In => value.is_some_and(|v| r.values.contains(v)),
                Op::NotIn => value.is_none_or(|v| !r.values.contains(v)),
                Op::Exists => value.is_some(),
                Op::DoesNotExist => value.is_none(),
            }
        })
    }

    /// A `matchLabels`-only selector (a Service's `spec.selector`).
    pub fn of_labels(labels: Labels) -> Selector {
        Selector {
            requirements: labels
                .into_iter()
                .map(|(key, v)| Requirement {
                    key,
                    op: Op::In,
                    values: vec![v],
                })
                .collect(),
        }
    }
}

/// A mapping of string keys to string values (`metadata.labels`, a Service's selector); `None`
/// when it is not one. An absent or null node is no labels.
pub fn read_labels(doc: &Document<'_>, node: Option<NodeId>) -> Option<Labels> {
    let Some(node) = node.filter(|&n| !doc.is_null(n)) else {
        return Some(Labels::new());
    };
    if !doc.is_map(node) {
        return None;
    }
    doc.entries(node)
        .into_iter()
        .map(|e| Some((doc.str(e.key)?.to_string(), doc.str(e.value)?.to_string())))
        .collect()
}

/// A `LabelSelector` (`matchLabels` and `matchExpressions`); an absent or null node selects
/// everything, as `podSelector` does.
pub fn read_selector(doc: &Document<'_>, node: Option<NodeId>) -> Option<Selector> {
    let Some(node) = node.filter(|&n| !doc.is_null(n)) else {
        return Some(Selector::default());
    };
    if !doc.is_map(node) {
        return None;
    }
    let mut selector = Selector::of_labels(read_labels(doc, doc.get(node, "matchLabels"))?);
    if let Some(exprs) = doc
        .get(node, "matchExpressions")
        .filter(|&e| !doc.is_null(e))
    {
        for e in doc.seq(exprs) {
            let key = doc.str(doc.get(e, "key")?)?.to_string();
            let op = match doc.str(doc.get(e, "operator")?)? {
                "In" => Op::In,
                "NotIn" => Op::NotIn,
                "Exists" => Op::Exists,
                "DoesNotExist" => Op::DoesNotExist,
                _ => return None,
            };
            let values = match doc.get(e, "values").filter(|&v| !doc.is_null(v)) {
                Some(v) => doc
                    .seq(v)
                    .map(|i| doc.str(i).map(str::to_string))
                    .collect::<Option<Vec<_>>>()?,
                None => Vec::new(),
            };
            selector.requirements.push(Requirement { key, op, values });
        }
    }
    Some(selector)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{YamlLimits, parse_file};

    fn selector(yaml: &str) -> Option<Selector> {
        let f = parse_file(yaml, &YamlLimits::default());
        let doc = f.docs[0].as_ref().unwrap();
        read_selector(doc, doc.root)
    }

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn match_labels_and_expressions() {
        let s = selector(
            "matchLabels: {app: web}\nmatchExpressions:\n  - {key: tier, operator: In, values: [front, edge]}\n  - {key: canary, operator: DoesNotExist}\n  - {key: team, operator: Exists}\n  - {key: env, operator: NotIn, values: [dev]}\n",
        )
        .unwrap();
        assert!(s.matches(&labels(&[("app", "web"), ("tier", "edge"), ("team", "a")])));
        assert!(s.matches(&labels(&[
            ("app", "web"),
            ("tier", "front"),
            ("team", "a"),
            ("env", "prod")
        ])));
        assert!(!s.matches(&labels(&[("app", "web"), ("tier", "back"), ("team", "a")])));
        assert!(!s.matches(&labels(&[("app", "web"), ("tier", "edge")])));
        assert!(!s.matches(&labels(&[
            ("app", "web"),
            ("tier", "edge"),
            ("team", "a"),
            ("canary", "1")
        ])));
        assert!(!s.matches(&labels(&[
            ("app", "web"),
            ("tier", "edge"),
            ("team", "a"),
            ("env", "dev")
        ])));
    }

    #[test]
    fn empty_selects_everything_and_unreadable_is_none() {
        assert!(selector("{}\n").unwrap().matches(&Labels::new()));
        assert!(selector("matchLabels: {}\n").unwrap().is_empty());
        assert!(selector("matchExpressions: [{key: a, operator: Like}]\n").is_none());
        assert!(selector("matchLabels: [a]\n").is_none());
        assert!(selector("- a\n").is_none());
    }
}
