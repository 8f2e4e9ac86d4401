//! A variable's `type` applied to its value, as far as rules care: primitive conversion
//! (`"true"` → `true` for `bool`) and the attributes that `object({…})` types fill in —
//! `optional(T)` as null, `optional(T, default)` as the default (also when the value gives
//! null) — through `list(…)`, `set(…)`, `map(…)` and nested objects. Anything else is left as
//! it is. Type expressions are at most 64 levels deep (hcl-edit's nesting limit).

use super::eval::{Cx, Scope};
use super::module::span_of;
use super::value::{Evaluated, Lit, Value, field};
use hcl_edit::expr::{Expression, ObjectKey};
use std::sync::Arc;

/// `value` converted to `ty`.
pub(crate) fn apply(
    scope: &Scope<'_>,
    value: Evaluated,
    ty: &Expression,
    cx: &Cx<'_>,
) -> Evaluated {
    match ty {
        Expression::Variable(t) => primitive(value, t.as_str()),
        Expression::FuncCall(f) if !f.name.is_namespaced() => {
            let arg = |i: usize| f.args.iter().nth(i);
            match (f.name.name.as_str(), arg(0)) {
                ("optional", Some(inner)) => apply(scope, value, inner, cx),
                ("list" | "set" | "map", Some(inner)) => each_element(scope, value, inner, cx),
                ("object", Some(Expression::Object(attrs))) => object(scope, value, attrs, cx),
                _ => value,
            }
        }
        _ => value,
    }
}

fn primitive(v: Evaluated, ty: &str) -> Evaluated {
    let converted = match (ty, &v.value) {
        ("bool", Value::Known(Lit::String(_))) => v.value.as_bool().map(Lit::Bool),
        ("number", Value::Known(Lit::String(_))) => v.value.as_number().map(Lit::Number),
        ("string", Value::Known(Lit::Bool(_) | Lit::Number(_))) => {
            v.value.to_text().map(Lit::String)
        }
        _ => None,
    };
    match converted {
        Some(l) => Evaluated {
            value: Value::Known(l),
            origin: v.origin,
        },
        None => v,
    }
}

fn each_element(scope: &Scope<'_>, v: Evaluated, inner: &Expression, cx: &Cx<'_>) -> Evaluated {
    // Shared values can be far larger than they look: every element converted is a step.
    let n = match &v.value {
        Value::Known(Lit::List(items)) => items.len(),
        Value::Known(Lit::Object(entries)) => entries.len(),
        _ => 0,
    };
    if let Err(u) = scope.spend(n, span_of(inner), cx) {
        return u;
    }
    let value = match &v.value {
        Value::Known(Lit::List(items)) => Value::Known(Lit::List(
            items
                .iter()
                .map(|e| apply(scope, e.clone(), inner, cx))
                .collect(),
        )),
        Value::Known(Lit::Object(entries)) => Value::Known(Lit::Object(
            entries
                .iter()
                .map(|(k, e)| (k.clone(), apply(scope, e.clone(), inner, cx)))
                .collect(),
        )),
        _ => return v,
    };
    Evaluated {
        value,
        origin: v.origin,
    }
}

fn object(
    scope: &Scope<'_>,
    v: Evaluated,
    attrs: &hcl_edit::expr::Object,
    cx: &Cx<'_>,
) -> Evaluated {
    let Value::Known(Lit::Object(given)) = &v.value else {
        return v;
    };
    if let Err(u) = scope.spend(given.len() + attrs.len(), span_of(attrs), cx) {
        return u;
    }
    let mut out: Vec<(Arc<str>, Evaluated)> = given.to_vec();
    for (key, ty) in attrs.iter() {
        let name: Arc<str> = match key {
            ObjectKey::Ident(i) => i.as_str().into(),
            ObjectKey::Expression(Expression::Variable(i)) => i.as_str().into(),
            ObjectKey::Expression(Expression::String(s)) => s.value().as_str().into(),
            ObjectKey::Expression(_) => continue,
        };
        let ty = ty.expr();
        let (inner, optional, default) = match ty {
            Expression::FuncCall(f) if f.name.name.as_str() == "optional" => {
                (f.args.iter().next(), true, f.args.iter().nth(1))
            }
            _ => (Some(ty), false, None),
        };
        let current = field(given, &name).cloned();
        let filled = match (current, default) {
            (Some(c), Some(d)) if c.value.is_absent() => Some(scope.eval(d, cx)),
            (Some(c), _) => Some(c),
            (None, Some(d)) => Some(scope.eval(d, cx)),
            (None, None) if optional => Some(cx.at(span_of(ty), Value::Absent)),
            (None, None) => None, // required and missing: Terraform rejects the value
        };
        let Some(filled) = filled else { continue };
        let filled = match inner {
            Some(t) => apply(scope, filled, t, cx),
            None => filled,
        };
        match out.iter_mut().rev().find(|(k, _)| *k == name) {
            Some(slot) => slot.1 = filled,
            None => out.push((name, filled)),
        }
    }
    Evaluated {
        value: Value::Known(Lit::Object(out.into())),
        origin: v.origin,
    }
}
