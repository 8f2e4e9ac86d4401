//! JSON text and Terraform values: `jsonencode` (a known value as Terraform prints it: object keys
//! sorted, integers without a fraction) and `jsondecode`, which azapi v1 bodies need (`body =
//! jsonencode({...})`, a heredoc of JSON). Decoded values all carry one origin, the string's.
//!
//! Bounded: serde_json refuses nesting past 128 levels; a decoded collection over
//! [`MAX_ELEMENTS`] and output over [`MAX_STRING`] give `None` (unknown).

use super::budget::MAX_ELEMENTS;
use super::eval::MAX_STRING;
use super::value::{Evaluated, Lit, Origin, Value, field, number_text};
use std::sync::Arc;

/// `jsonencode(v)`: `None` when some part of `v` is unknown (or a reference), or too large.
pub(crate) fn encode(v: &Value) -> Option<String> {
    let mut out = String::new();
    let mut budget = MAX_ELEMENTS * 10;
    write(v, &mut out, &mut budget, 0)?;
    Some(out)
}

fn write(v: &Value, out: &mut String, budget: &mut usize, depth: u32) -> Option<()> {
    if *budget == 0 || depth > 128 || out.len() > MAX_STRING {
        return None;
    }
    *budget -= 1;
    match v {
        Value::Absent => out.push_str("null"),
        Value::Known(Lit::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
        Value::Known(Lit::Number(n)) if n.is_finite() => out.push_str(&number_text(*n)),
        Value::Known(Lit::Number(_)) => return None,
        Value::Known(Lit::String(s)) => out.push_str(&serde_json::to_string(&**s).ok()?),
        Value::Known(Lit::List(l)) => {
            out.push('[');
            for (i, e) in l.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(&e.value, out, budget, depth + 1)?;
            }
            out.push(']');
        }
        Value::Known(Lit::Object(o)) => {
            let mut keys: Vec<&Arc<str>> = o.iter().map(|(k, _)| k).collect();
            keys.sort();
            keys.dedup();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(&**k).ok()?);
                out.push(':');
                write(&field(o, k)?.value, out, budget, depth + 1)?;
            }
            out.push('}');
        }
        Value::Unknown | Value::Ref(_) => return None,
    }
    (out.len() <= MAX_STRING).then_some(())
}

/// `jsondecode(text)`: `None` when the text is not JSON (or too large to hold).
pub(crate) fn decode(text: &str, origin: &Origin) -> Option<Evaluated> {
    let parsed: serde_json::Value = serde_json::from_str(text).ok()?;
    let mut budget = MAX_ELEMENTS * 10;
    convert(&parsed, origin, &mut budget)
}

fn convert(v: &serde_json::Value, origin: &Origin, budget: &mut usize) -> Option<Evaluated> {
    if *budget == 0 {
        return None;
    }
    *budget -= 1;
    let value = match v {
        serde_json::Value::Null => Value::Absent,
        serde_json::Value::Bool(b) => Value::Known(Lit::Bool(*b)),
        serde_json::Value::Number(n) => Value::Known(Lit::Number(n.as_f64()?)),
        serde_json::Value::String(s) => Value::string(s.as_str()),
        serde_json::Value::Array(a) if a.len() <= MAX_ELEMENTS => {
            let items: Option<Vec<Evaluated>> =
                a.iter().map(|e| convert(e, origin, budget)).collect();
            Value::Known(Lit::List(items?.into()))
        }
        serde_json::Value::Object(o) if o.len() <= MAX_ELEMENTS => {
            let entries: Option<Vec<(Arc<str>, Evaluated)>> = o
                .iter()
                .map(|(k, e)| Some((Arc::from(k.as_str()), convert(e, origin, budget)?)))
                .collect();
            Value::Known(Lit::Object(entries?.into()))
        }
        _ => return None,
    };
    Some(Evaluated {
        value,
        origin: origin.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn round_trip() {
        let origin = Origin {
            file: "t.tf".into(),
            span: Span::default(),
        };
        let v = decode(
            r#"{"b": [1, 2.5, "x"], "a": {"on": true, "off": null}}"#,
            &origin,
        )
        .unwrap();
        assert_eq!(
            encode(&v.value).unwrap(),
            r#"{"a":{"off":null,"on":true},"b":[1,2.5,"x"]}"#
        );
        assert!(decode("{not json", &origin).is_none());
        assert!(encode(&Value::Unknown).is_none());
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(decode(&deep, &origin).is_none(), "serde_json's depth limit");
    }
}
