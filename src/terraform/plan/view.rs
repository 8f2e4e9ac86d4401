//! The rules' view of a planned resource ([`super::super::Resource`] over its values): an
//! attribute is a key of the values (its span the `"key": value` member, found in the plan's text),
//! a nested block an object of the list Terraform writes for it (`"network_profile": [{…}]`).

use crate::source::Span;
use crate::terraform::resource::{Attr, Presence};
use crate::terraform::{Evaluated, Lit, Origin, Value};
use std::sync::Arc;

/// An object of a plan's values read as a resource or nested block.
#[derive(Debug, Clone)]
pub(crate) struct PlanNode {
    /// The object; unknown when the plan does not know it.
    pub value: Evaluated,
    /// The plan's text (for the keys' spans).
    pub text: Arc<str>,
    /// Where what has no place of its own points: the resource's address, the block's key.
    pub anchor: Origin,
}

/// A nested block found in the values.
pub(crate) struct PlanBlock {
    pub presence: Presence,
    pub header: Span,
    pub block_span: Span,
    pub node: PlanNode,
}

impl PlanNode {
    fn entry(&self, name: &str) -> Result<Option<&Evaluated>, ()> {
        match &self.value.value {
            Value::Known(Lit::Object(o)) => {
                Ok(o.iter().rev().find(|(k, _)| &**k == name).map(|(_, e)| e))
            }
            Value::Unknown | Value::Ref(_) => Err(()),
            _ => Ok(None),
        }
    }

    /// The span of the key whose value is `value` (`"key": value`), when the text holds one
    /// just before it.
    fn key_span(&self, value: Span) -> Option<Span> {
        if value.start == value.end {
            return None;
        }
        let b = self.text.as_bytes();
        let mut i = value.start as usize;
        let back = |i: &mut usize| {
            while *i > 0 && matches!(b[*i - 1], b' ' | b'\t' | b'\n' | b'\r') {
                *i -= 1;
            }
        };
        back(&mut i);
        if i == 0 || b[i - 1] != b':' {
            return None;
        }
        i -= 1;
        back(&mut i);
        if i == 0 || b[i - 1] != b'"' {
            return None;
        }
        let end = i;
        // The opening quote: the first `"` before the closing one that no backslash escapes.
        let mut j = end - 1;
        while j > 0 {
            j -= 1;
            if b[j] == b'"' {
                let slashes = b[..j].iter().rev().take_while(|&&c| c == b'\\').count();
                if slashes % 2 == 0 {
                    return Some(Span::new(j, end));
                }
            }
        }
        None
    }

    /// An attribute that nothing in the text stands for: unknown, at the anchor.
    fn at_anchor(&self, value: Value) -> Attr {
        let o = &self.anchor;
        Attr {
            file: o.file.clone(),
            key_span: o.span,
            value_span: o.span,
            span: o.span,
            value,
            origin: o.clone(),
            arm: None,
        }
    }

    /// The attribute `name`: `None` when the values do not hold it (not in the provider's
    /// schema: not written), or when it is a nested block's name (the plan writes blocks as
    /// lists of objects, but they are no attributes: see [`Self::blocks`]).
    pub fn attr(&self, name: &str) -> Option<Attr> {
        if crate::terraform::json_syntax::is_block(name) {
            return None;
        }
        let ev = match self.entry(name) {
            Err(()) => return Some(self.at_anchor(Value::Unknown)),
            Ok(e) => e?,
        };
        let value_span = ev.origin.span;
        let Some(key_span) = self.key_span(value_span) else {
            let mut a = self.at_anchor(ev.value.clone());
            if value_span.start != value_span.end {
                (a.key_span, a.value_span, a.span) = (value_span, value_span, value_span);
                a.origin = ev.origin.clone();
            }
            return Some(a);
        };
        Some(Attr {
            file: ev.origin.file.clone(),
            key_span,
            value_span,
            span: Span::new(key_span.start as usize, value_span.end as usize),
            value: ev.value.clone(),
            origin: ev.origin.clone(),
            arm: None,
        })
    }

    /// The blocks `name` stands for: each object of its list (one object, for a block written
    /// as a single object); one of unknown presence where the plan does not know.
    pub fn blocks(&self, name: &str) -> Vec<PlanBlock> {
        let ev = match self.entry(name) {
            Err(()) => return vec![self.unknown_block(self.anchor.span)],
            Ok(None) => return Vec::new(),
            Ok(Some(e)) => e,
        };
        let header = self.key_span(ev.origin.span).unwrap_or(self.anchor.span);
        let block = |e: &Evaluated| PlanBlock {
            presence: Presence::KnownNonEmpty,
            header,
            block_span: e.origin.span,
            node: PlanNode {
                value: e.clone(),
                text: self.text.clone(),
                anchor: Origin {
                    file: e.origin.file.clone(),
                    span: header,
                },
            },
        };
        match &ev.value {
            Value::Known(Lit::List(items)) => items
                .iter()
                .filter_map(|e| match &e.value {
                    Value::Known(Lit::Object(_)) => Some(block(e)),
                    Value::Unknown | Value::Ref(_) => Some(self.unknown_block(header)),
                    _ => None,
                })
                .collect(),
            Value::Known(Lit::Object(_)) => vec![block(ev)],
            Value::Unknown | Value::Ref(_) => vec![self.unknown_block(header)],
            _ => Vec::new(),
        }
    }

    fn unknown_block(&self, header: Span) -> PlanBlock {
        let anchor = Origin {
            file: self.anchor.file.clone(),
            span: header,
        };
        PlanBlock {
            presence: Presence::Unknown,
            header,
            block_span: header,
            node: PlanNode {
                value: Evaluated {
                    value: Value::Unknown,
                    origin: anchor.clone(),
                },
                text: self.text.clone(),
                anchor,
            },
        }
    }
}
