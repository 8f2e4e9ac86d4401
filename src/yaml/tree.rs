//! The spanned YAML tree: an arena of nodes per document. No recursion anywhere — building,
//! reading and dropping are all flat — so a 100,000-deep document cannot overflow the stack.

use crate::source::Span;
use std::cell::Cell;

pub type NodeId = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    Block,
}

#[derive(Debug)]
pub enum NodeKind {
    /// `owned` is `None` when the value is exactly the source text under the span.
    Scalar {
        owned: Option<Box<str>>,
        style: Style,
    },
    Seq(Vec<NodeId>),
    Map(Vec<(NodeId, NodeId)>),
    /// A reference to the anchored node (never expanded).
    Alias(NodeId),
}

#[derive(Debug)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

/// A mapping entry: the key node and the value node (the value is alias-resolved).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub key: NodeId,
    pub value: NodeId,
}

/// One YAML document of a file. Spans are byte offsets into the whole file.
#[derive(Debug)]
pub struct Document<'t> {
    pub(crate) text: &'t str,
    pub(crate) nodes: Vec<Node>,
    pub root: Option<NodeId>,
    /// Byte range of the document's chunk of the stream.
    pub span: Span,
    /// helm's `# Source: chart/templates/x.yaml`, when the document carries one.
    pub helm_source: Option<String>,
    pub(crate) alias_budget: Cell<u64>,
    pub(crate) alias_exhausted: Cell<bool>,
}

impl<'t> Document<'t> {
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn span(&self, id: NodeId) -> Span {
        self.node(id).span
    }

    /// Follows aliases to the anchored node, spending the alias budget.
    pub fn resolve(&self, mut id: NodeId) -> Option<NodeId> {
        let mut hops = 0;
        while let NodeKind::Alias(target) = self.node(id).kind {
            let left = self.alias_budget.get();
            if left == 0 || hops > 64 {
                self.alias_exhausted.set(true);
                return None;
            }
            self.alias_budget.set(left - 1);
            hops += 1;
            id = target;
        }
        Some(id)
    }

    /// True when a lookup was refused because the alias budget ran out.
    pub fn alias_budget_exhausted(&self) -> bool {
        self.alias_exhausted.get()
    }

    /// The scalar's value, or `None` for collections.
    pub fn str(&self, id: NodeId) -> Option<&str> {
        let id = self.resolve(id)?;
        let node = self.node(id);
        match &node.kind {
            NodeKind::Scalar { owned: Some(s), .. } => Some(s),
            NodeKind::Scalar { owned: None, .. } => Some(&self.text[node.span.range()]),
            _ => None,
        }
    }

    pub fn style(&self, id: NodeId) -> Option<Style> {
        let id = self.resolve(id)?;
        match &self.node(id).kind {
            NodeKind::Scalar { style, .. } => Some(*style),
            _ => None,
        }
    }

    /// A boolean as Kubernetes reads YAML (YAML 1.1: `yes`/`no`/`on`/`off`/`y`/`n` too); only
    /// plain scalars are booleans, `"true"` is a string.
    pub fn bool(&self, id: NodeId) -> Option<bool> {
        if self.style(id)? != Style::Plain {
            return None;
        }
        match self.str(id)? {
            "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y" => {
                Some(true)
            }
            "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n"
            | "N" => Some(false),
            _ => None,
        }
    }

    /// A plain integer (decimal, `0x` hex, `0o` octal; `_` separators as YAML 1.1 allows).
    pub fn int(&self, id: NodeId) -> Option<i64> {
        if self.style(id)? != Style::Plain {
            return None;
        }
        let s = self.str(id)?.replace('_', "");
        let (neg, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(&s)),
        };
        let v = if let Some(h) = digits.strip_prefix("0x") {
            i64::from_str_radix(h, 16).ok()?
        } else if let Some(o) = digits.strip_prefix("0o") {
            i64::from_str_radix(o, 8).ok()?
        } else {
            digits.parse::<i64>().ok()?
        };
        Some(if neg { -v } else { v })
    }

    /// True for `null`, `~` or an empty plain scalar.
    pub fn is_null(&self, id: NodeId) -> bool {
        self.style(id) == Some(Style::Plain)
            && matches!(self.str(id), Some("" | "null" | "Null" | "NULL" | "~"))
    }

    pub fn is_map(&self, id: NodeId) -> bool {
        self.resolve(id)
            .is_some_and(|id| matches!(self.node(id).kind, NodeKind::Map(_)))
    }

    /// Items of a sequence (alias-resolved); empty for anything else.
    pub fn seq(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let items: &[NodeId] = match self.resolve(id).map(|id| &self.node(id).kind) {
            Some(NodeKind::Seq(items)) => items,
            _ => &[],
        };
        items.iter().filter_map(|&i| self.resolve(i))
    }

    /// The entries of a mapping as written (merge keys not expanded, duplicates kept).
    pub fn raw_entries(&self, id: NodeId) -> &[(NodeId, NodeId)] {
        match self.resolve(id).map(|id| &self.node(id).kind) {
            Some(NodeKind::Map(entries)) => entries,
            _ => &[],
        }
    }

    /// The effective entries of a mapping: merge keys (`<<`) expanded one level deep, explicit keys
    /// winning, and for a duplicated key only its last occurrence. Order: as written.
    pub fn entries(&self, id: NodeId) -> Vec<Entry> {
        let raw = self.raw_entries(id);
        let mut out: Vec<Entry> = Vec::with_capacity(raw.len());
        let mut merged: Vec<Entry> = Vec::new();
        for &(k, v) in raw {
            if self.is_merge_key(k) {
                for src in self.merge_sources(v) {
                    for &(mk, mv) in self.raw_entries(src) {
                        if let Some(value) = self.resolve(mv) {
                            merged.push(Entry { key: mk, value });
                        }
                    }
                }
                continue;
            }
            let Some(value) = self.resolve(v) else {
                continue;
            };
            let key = self.str(k);
            if let Some(pos) = out.iter().position(|e| self.str(e.key) == key) {
                out.remove(pos);
            }
            out.push(Entry { key: k, value });
        }
        for m in merged {
            let key = self.str(m.key);
            if !out.iter().any(|e| self.str(e.key) == key) {
                out.push(m);
            }
        }
        out
    }

    fn is_merge_key(&self, k: NodeId) -> bool {
        self.style(k) == Some(Style::Plain) && self.str(k) == Some("<<")
    }

    fn merge_sources(&self, v: NodeId) -> Vec<NodeId> {
        match self.resolve(v) {
            Some(r) if self.is_map(r) => vec![r],
            Some(r) => self.seq(r).filter(|&i| self.is_map(i)).collect(),
            None => Vec::new(),
        }
    }

    /// The entry for `key` in a mapping: the last occurrence wins (as Kubernetes reads it), then
    /// merge keys (`<<: *anchor`), the first merged mapping winning.
    pub fn entry(&self, map: NodeId, key: &str) -> Option<Entry> {
        let raw = self.raw_entries(map);
        for &(k, v) in raw.iter().rev() {
            if self.str(k) == Some(key) && !self.is_merge_key(k) {
                return self.resolve(v).map(|value| Entry { key: k, value });
            }
        }
        for &(k, v) in raw.iter().rev() {
            if self.is_merge_key(k) {
                for src in self.merge_sources(v) {
                    for &(mk, mv) in self.raw_entries(src).iter().rev() {
                        if self.str(mk) == Some(key) {
                            return self.resolve(mv).map(|value| Entry { key: mk, value });
                        }
                    }
                }
            }
        }
        None
    }

    /// The value under `key`.
    pub fn get(&self, map: NodeId, key: &str) -> Option<NodeId> {
        self.entry(map, key).map(|e| e.value)
    }

    /// The entry at the end of a key path (`["securityContext", "privileged"]`).
    pub fn entry_at(&self, map: NodeId, path: &[&str]) -> Option<Entry> {
        let (last, parents) = path.split_last()?;
        let mut cur = map;
        for key in parents {
            cur = self.get(cur, key)?;
        }
        self.entry(cur, last)
    }

    pub fn get_at(&self, map: NodeId, path: &[&str]) -> Option<NodeId> {
        self.entry_at(map, path).map(|e| e.value)
    }

    /// A value as written, for messages: scalars verbatim (quoted ones in quotes), collections
    /// abbreviated.
    pub fn shown(&self, id: NodeId) -> String {
        match (self.str(id), self.style(id)) {
            (Some(s), Some(Style::Quoted)) => format!("\"{s}\""),
            (Some(s), _) => s.to_string(),
            (None, _) if self.is_map(id) => "{…}".to_string(),
            (None, _) => "[…]".to_string(),
        }
    }

    /// Span from the start of the key to the end of the value.
    pub fn entry_span(&self, e: Entry) -> Span {
        let (k, v) = (self.span(e.key), self.span(e.value));
        if v.start < k.start { k } else { k.cover(v) }
    }
}
