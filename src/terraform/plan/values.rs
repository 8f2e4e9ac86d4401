//! A resource's planned values as Terraform values ([`Evaluated`]): known where the plan knows
//! them, [`Value::Unknown`] where `resource_changes[].change.after_unknown` marks them, `null` as
//! [`Value::Absent`] (in a plan, an unset optional attribute is `null`: the provider default
//! applies, as for an attribute not written). Every value points at its own text in the plan.
//!
//! `after_unknown` mirrors the value: `true` where a leaf (or a whole collection) is unknown, an
//! object or array where it must be followed further; known object attributes are left out of
//! it. Terraform leaves unknown object attributes out of the planned values and replaces unknown
//! list elements with `null` ([`omitUnknowns`]): an attribute `after_unknown` names that the
//! values lack is added back, unknown, so that no rule takes it for one not set.
//!
//! Bounded as the evaluator is: a collection over [`MAX_ELEMENTS`] items, a string over
//! [`MAX_STRING`] bytes and a resource of more than [`MAX_WORK`] values are unknown, the cap
//! noted (AKS002).
//!
//! [`omitUnknowns`]: https://github.com/hashicorp/terraform/blob/main/internal/command/jsonplan/plan.go

use super::json::{Json, Kind};
use crate::source::Span;
use crate::terraform::budget::{MAX_ELEMENTS, MAX_WORK};
use crate::terraform::eval::MAX_STRING;
use crate::terraform::{Cap, Evaluated, Lit, Origin, Value};
use std::borrow::Cow;
use std::sync::Arc;

/// Converts values of one plan, within one budget per resource.
pub(super) struct Convert<'j, 't> {
    json: &'j Json<'t>,
    file: Arc<str>,
    budget: usize,
    /// Values built so far, over every resource.
    built: usize,
    /// The caps hit: where, and which.
    pub capped: Vec<(Span, Cap)>,
}

impl<'j, 't> Convert<'j, 't> {
    pub fn new(json: &'j Json<'t>, file: Arc<str>) -> Self {
        Convert {
            json,
            file,
            budget: MAX_WORK as usize,
            built: 0,
            capped: Vec::new(),
        }
    }

    /// A fresh budget, for the next resource.
    pub fn reset(&mut self) {
        self.budget = MAX_WORK as usize;
    }

    /// How many values were built, over every resource.
    pub fn built(&self) -> usize {
        self.built
    }

    fn at(&self, start: usize, end: usize, value: Value) -> Evaluated {
        Evaluated {
            value,
            origin: Origin {
                file: self.file.clone(),
                span: Span::new(start, end),
            },
        }
    }

    fn cap(&mut self, start: usize, end: usize, cap: Cap) -> Evaluated {
        if !self
            .capped
            .iter()
            .any(|(_, c)| *c == cap && cap == Cap::Work)
        {
            self.capped.push((Span::new(start, end), cap));
        }
        self.at(start, end, Value::Unknown)
    }

    /// The value at `at`, with `unknown` the offset of its `after_unknown` counterpart.
    pub fn value(&mut self, at: usize, unknown: Option<usize>) -> Evaluated {
        let json = self.json;
        let end = json.end(at);
        if self.budget == 0 {
            return self.cap(at, end, Cap::Work);
        }
        self.budget -= 1;
        self.built += 1;
        let marker = unknown.and_then(|u| json.kind(u).map(|k| (u, k)));
        if let Some((u, Kind::Bool)) = marker
            && json.raw(u) == "true"
        {
            return self.at(at, end, Value::Unknown);
        }
        let value = match json.kind(at) {
            None | Some(Kind::Null) => Value::Absent,
            Some(Kind::Bool) => Value::Known(Lit::Bool(json.raw(at) == "true")),
            Some(Kind::Number) => match json.raw(at).parse::<f64>() {
                Ok(n) if n.is_finite() => Value::Known(Lit::Number(n)),
                _ => Value::Unknown,
            },
            Some(Kind::String) => {
                if end - at > MAX_STRING + 2 {
                    return self.cap(at, end, Cap::String);
                }
                match json.string_at(at) {
                    Some(s) => Value::Known(Lit::String(Arc::from(&*s))),
                    None => Value::Unknown,
                }
            }
            Some(Kind::Array) => {
                let items: Vec<usize> = json.items(at).take(MAX_ELEMENTS + 1).collect();
                if items.len() > MAX_ELEMENTS {
                    return self.cap(at, end, Cap::Elements);
                }
                let marks: Vec<usize> = match marker {
                    Some((u, Kind::Array)) => json.items(u).take(items.len()).collect(),
                    _ => Vec::new(),
                };
                let out: Vec<Evaluated> = items
                    .iter()
                    .enumerate()
                    .map(|(i, &item)| self.value(item, marks.get(i).copied()))
                    .collect();
                Value::Known(Lit::List(out.into()))
            }
            Some(Kind::Object) => return self.object(at, end, marker),
        };
        self.at(at, end, value)
    }

    fn object(&mut self, at: usize, end: usize, marker: Option<(usize, Kind)>) -> Evaluated {
        let json = self.json;
        let members: Vec<_> = json.members(at).take(MAX_ELEMENTS + 1).collect();
        if members.len() > MAX_ELEMENTS {
            return self.cap(at, end, Cap::Elements);
        }
        // The marker's members, by key (sorted for lookups: an object may have many).
        let mut marks: Vec<(Cow<'t, str>, usize)> = match marker {
            Some((u, Kind::Object)) => json
                .members(u)
                .take(MAX_ELEMENTS)
                .map(|m| (json.key(&m), m.value))
                .collect(),
            _ => Vec::new(),
        };
        marks.sort_by(|a, b| a.0.cmp(&b.0));
        let find = |marks: &[(Cow<'t, str>, usize)], key: &str| {
            marks
                .binary_search_by(|(k, _)| (**k).cmp(key))
                .ok()
                .map(|i| marks[i].1)
        };
        let keys: Vec<Cow<'t, str>> = members.iter().map(|m| json.key(m)).collect();
        let mut out: Vec<(Arc<str>, Evaluated)> = Vec::with_capacity(members.len());
        for (m, key) in members.iter().zip(&keys) {
            let mark = find(&marks, key);
            let v = self.value(m.value, mark);
            out.push((Arc::from(&**key), v));
        }
        // Unknown attributes Terraform left out of the values.
        let mut written: Vec<&str> = keys.iter().map(|k| &**k).collect();
        written.sort_unstable();
        for (key, u) in &marks {
            let written = written.binary_search(&&**key).is_ok();
            let unknown = match json.kind(*u) {
                Some(Kind::Bool) => json.raw(*u) == "true",
                Some(Kind::Object | Kind::Array) => true,
                _ => false,
            };
            if !written && unknown {
                out.push((Arc::from(&**key), self.at(at, at, Value::Unknown)));
            }
        }
        self.at(at, end, Value::Known(Lit::Object(out.into())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(values: &str, unknown: &str) -> Evaluated {
        let text = format!("[{values}, {unknown}]");
        let json = Json::parse(&text).unwrap();
        let mut items = json.items(json.root);
        let (v, u) = (items.next().unwrap(), items.next().unwrap());
        Convert::new(&json, "p.json".into()).value(v, Some(u))
    }

    fn show(e: &Evaluated) -> String {
        match &e.value {
            Value::Unknown => "?".into(),
            Value::Absent => "null".into(),
            Value::Known(Lit::List(l)) => {
                let v: Vec<String> = l.iter().map(show).collect();
                format!("[{}]", v.join(","))
            }
            Value::Known(Lit::Object(o)) => {
                let v: Vec<String> = o.iter().map(|(k, e)| format!("{k}:{}", show(e))).collect();
                format!("{{{}}}", v.join(","))
            }
            v => v.to_text().map(|t| t.to_string()).unwrap_or_default(),
        }
    }

    #[test]
    fn unknowns_follow_after_unknown() {
        let v = convert(
            r#"{"a": 1, "b": null, "l": ["x", null], "o": {"k": true}, "n": [{"p": null}]}"#,
            r#"{"b": true, "l": [false, true], "n": [{"p": true}], "gone": true, "part": {"q": true}}"#,
        );
        assert_eq!(
            show(&v),
            "{a:1,b:?,l:[x,?],o:{k:true},n:[{p:?}],gone:?,part:?}"
        );
        // A marker of `false` or `{}` changes nothing; a whole value marked `true` is unknown.
        assert_eq!(show(&convert(r#"{"a": "s"}"#, "{}")), "{a:s}");
        assert_eq!(show(&convert(r#"{"a": "s"}"#, "true")), "?");
        assert_eq!(show(&convert(r#""s""#, "false")), "s");
    }

    #[test]
    fn origins_are_the_values_text() {
        let text = r#"[{"a": [1, "é"]}, {}]"#;
        let json = Json::parse(text).unwrap();
        let v = Convert::new(&json, "p.json".into()).value(1, None);
        let a = v.value.get("a").unwrap();
        assert_eq!(&text[a.origin.span.range()], r#"[1, "é"]"#);
        let e = &a.value.as_list().unwrap()[1];
        assert_eq!(&text[e.origin.span.range()], r#""é""#);
    }

    #[test]
    fn caps() {
        let big = format!("[{}0]", "0,".repeat(MAX_ELEMENTS));
        let text = format!("[{big}, {{}}]");
        let json = Json::parse(&text).unwrap();
        let mut c = Convert::new(&json, "p.json".into());
        assert!(c.value(1, None).value.is_unknown());
        assert_eq!(c.capped.len(), 1);
        assert_eq!(c.capped[0].1, Cap::Elements);
    }
}
