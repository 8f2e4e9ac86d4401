//! `for` expressions over known collections: `[for v in xs : f(v) if cond]` and
//! `{for k, v in m : k => v if cond}` (the Azure Verified Modules build and filter their request
//! bodies with them).
//!
//! A map or object is iterated in lexical key order, as Terraform does; a list by position (the
//! key is the index). An unknown collection, an unknown key or grouping mode (`...`) gives
//! unknown. An element whose condition cannot be known may or may not be in the result: in a
//! list that makes the whole list unknown (positions shift); in an object the entry is kept with
//! an unknown value — every rule that reads it stays silent, whether the key is there or not.
//! `length` and `for_each` do not count such a key: an object with an entry whose whole value is
//! unknown has an unknown length and an unknown set of instances (which also makes
//! `length({a = var.unset})` unknown, where Terraform would know 1: the price of judging the
//! rest of the object).

use super::eval::{Cx, Env, Fail, Outcome, Scope, truth};
use super::module::span_of;
use super::value::{Evaluated, Lit, Value, field};
use crate::source::Span;
use hcl_edit::expr::ForExpr;
use std::sync::Arc;

impl Scope<'_> {
    /// Evaluates a `for` expression (see the module doc).
    pub(crate) fn for_expr(&self, f: &ForExpr, span: Span, cx: &Cx<'_>) -> Outcome {
        let unknown = Ok(cx.at(span, Value::Unknown));
        if f.grouping && f.key_expr.is_some() {
            return unknown;
        }
        let coll = self.ev(&f.intro.collection_expr, cx)?;
        let Some(items) = items(&coll) else {
            return match coll.value {
                Value::Absent | Value::Known(_) => Err(Fail),
                _ => unknown,
            };
        };
        if let Some(u) = self.too_many(items.len(), span, cx) {
            return Ok(u);
        }
        if let Err(u) = self.spend(items.len(), span, cx) {
            return Ok(u);
        }
        let value_var: Arc<str> = f.intro.value_var.as_str().into();
        let key_var: Option<Arc<str>> = f.intro.key_var.as_ref().map(|k| k.as_str().into());
        let mut list: Vec<Evaluated> = Vec::new();
        let mut object: Vec<(Arc<str>, Evaluated)> = Vec::new();
        for (k, v) in items {
            let mut env: Env = cx.env.bind(value_var.clone(), v);
            if let Some(kv) = &key_var {
                env = env.bind(kv.clone(), k);
            }
            let inner = Cx {
                file: cx.file,
                env: &env,
            };
            let keep = match &f.cond {
                None => Some(true),
                Some(c) => {
                    let c = self.ev(&c.expr, &inner)?;
                    if c.value.is_absent() {
                        return Err(Fail);
                    }
                    truth(&c.value)
                }
            };
            if keep == Some(false) {
                continue;
            }
            match &f.key_expr {
                None => {
                    if keep.is_none() {
                        return unknown;
                    }
                    list.push(self.ev(&f.value_expr, &inner)?);
                }
                Some(key_expr) => {
                    let key = self.ev(key_expr, &inner)?;
                    let Some(name) = key.value.to_text() else {
                        return match key.value {
                            Value::Absent | Value::Known(_) => Err(Fail),
                            _ => unknown,
                        };
                    };
                    if field(&object, &name).is_some() {
                        return Err(Fail); // a duplicate key without grouping: Terraform's error
                    }
                    let value = if keep.is_some() {
                        self.ev(&f.value_expr, &inner)?
                    } else {
                        cx.at(span_of(&f.value_expr), Value::Unknown)
                    };
                    object.push((name, value));
                }
            }
        }
        Ok(cx.at(
            span,
            Value::Known(if f.key_expr.is_some() {
                Lit::Object(object.into())
            } else {
                Lit::List(list.into())
            }),
        ))
    }
}

/// The (key, value) pairs a `for` iterates: a list's (index, element), a map's (key, value) in
/// lexical key order (the last entry written of a key wins). `None` when not a known collection.
fn items(coll: &Evaluated) -> Option<Vec<(Evaluated, Evaluated)>> {
    match &coll.value {
        Value::Known(Lit::List(l)) => Some(
            l.iter()
                .enumerate()
                .map(|(i, e)| {
                    let index = Evaluated {
                        value: Value::Known(Lit::Number(i as f64)),
                        origin: e.origin.clone(),
                    };
                    (index, e.clone())
                })
                .collect(),
        ),
        Value::Known(Lit::Object(o)) => {
            let mut keys: Vec<&Arc<str>> = o.iter().map(|(k, _)| k).collect();
            keys.sort();
            keys.dedup();
            Some(
                keys.into_iter()
                    .filter_map(|k| {
                        let v = field(o, k)?.clone();
                        let key = Evaluated {
                            value: Value::Known(Lit::String(k.clone())),
                            origin: v.origin.clone(),
                        };
                        Some((key, v))
                    })
                    .collect(),
            )
        }
        _ => None,
    }
}
