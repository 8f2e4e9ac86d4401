//! The few pure Terraform functions worth evaluating for security attributes: `lower`, `upper`,
//! `length`, `contains`, `coalesce`, `try`, `can`, `lookup`, `merge`, `concat`, `tobool`,
//! `tostring`, `tonumber`, `tolist`, `toset`. Any other function (or a provider-namespaced one, or `f(list...)`) is
//! unknown.

use super::eval::{Cx, Fail, Outcome, Scope};
use super::value::{EQUALITY_BUDGET, Evaluated, Lit, Value, equal_within, field};
use crate::source::Span;
use hcl_edit::expr::FuncCall;
use std::sync::Arc;

pub(crate) fn call(scope: &Scope<'_>, f: &FuncCall, span: Span, cx: &Cx<'_>) -> Outcome {
    let unknown = Ok(cx.at(span, Value::Unknown));
    if f.name.is_namespaced() || f.args.expand_final() {
        return unknown;
    }
    let args: Vec<&hcl_edit::expr::Expression> = f.args.iter().collect();
    let name = f.name.name.as_str();
    // Lazy ones first: they decide which arguments to evaluate.
    match name {
        "try" => {
            for a in &args {
                match scope.ev(a, cx) {
                    Ok(v) if v.value.is_unknown() => return unknown,
                    Ok(v) => return Ok(v),
                    Err(Fail) => continue,
                }
            }
            return Err(Fail);
        }
        "can" => {
            let [a] = args[..] else { return Err(Fail) };
            return Ok(match scope.ev(a, cx) {
                Ok(v) if v.value.is_unknown() => cx.at(span, Value::Unknown),
                Ok(_) => cx.at(span, Value::Known(Lit::Bool(true))),
                Err(Fail) => cx.at(span, Value::Known(Lit::Bool(false))),
            });
        }
        _ => {}
    }
    if !matches!(
        name,
        "lower"
            | "upper"
            | "length"
            | "contains"
            | "coalesce"
            | "lookup"
            | "merge"
            | "concat"
            | "tobool"
            | "tostring"
            | "tonumber"
            | "tolist"
            | "toset"
    ) {
        return unknown;
    }
    let mut vals = Vec::with_capacity(args.len());
    for a in &args {
        vals.push(scope.ev(a, cx)?);
    }
    let at = |v: Value| Ok(cx.at(span, v));
    let known = |l: Lit| Ok(cx.at(span, Value::Known(l)));
    match (name, &vals[..]) {
        ("lower" | "upper", [s]) => match &s.value {
            Value::Known(Lit::String(t)) => {
                let t = if name == "lower" {
                    t.to_lowercase()
                } else {
                    t.to_uppercase()
                };
                known(Lit::String(t.into()))
            }
            Value::Known(_) | Value::Absent => Err(Fail),
            _ => unknown,
        },
        ("length", [x]) => match &x.value {
            Value::Known(Lit::List(l)) => known(Lit::Number(l.len() as f64)),
            Value::Known(Lit::Object(o)) => known(Lit::Number(distinct_keys(o) as f64)),
            Value::Known(Lit::String(s)) => known(Lit::Number(s.chars().count() as f64)),
            Value::Known(_) | Value::Absent => Err(Fail),
            _ => unknown,
        },
        ("contains", [list, x]) => match &list.value {
            Value::Known(Lit::List(l)) => {
                // One equality budget for the whole search, not one per element.
                let mut left = EQUALITY_BUDGET;
                let mut found = Some(false);
                for item in l.iter() {
                    match equal_within(&item.value, &x.value, &mut left) {
                        Some(true) => {
                            found = Some(true);
                            break;
                        }
                        None => found = None,
                        Some(false) => {}
                    }
                }
                if let Err(u) = scope.spend((EQUALITY_BUDGET - left) as usize, span, cx) {
                    return Ok(u);
                }
                at(found.map_or(Value::Unknown, |b| Value::Known(Lit::Bool(b))))
            }
            Value::Known(_) | Value::Absent => Err(Fail),
            _ => unknown,
        },
        ("coalesce", _) => {
            for v in &vals {
                match &v.value {
                    Value::Absent => continue,
                    Value::Known(Lit::String(s)) if s.is_empty() => continue,
                    Value::Unknown => return unknown,
                    _ => return Ok(v.clone()),
                }
            }
            Err(Fail)
        }
        ("lookup", [map, key, rest @ ..]) if rest.len() <= 1 => {
            let Some(k) = key.value.to_text() else {
                return unknown;
            };
            match &map.value {
                Value::Known(Lit::Object(o)) => match field(o, &k) {
                    _ if scope.spend(o.len(), span, cx).is_err() => unknown,
                    Some(v) => Ok(v.clone()),
                    None => rest.first().cloned().ok_or(Fail),
                },
                Value::Known(_) | Value::Absent => Err(Fail),
                _ => unknown,
            }
        }
        ("merge", _) => merge(scope, &vals, span, cx),
        ("concat", _) => concat(scope, &vals, span, cx),
        ("tobool", [x]) => match &x.value {
            Value::Absent => at(Value::Absent),
            Value::Known(Lit::Bool(_)) => Ok(x.clone()),
            Value::Known(_) => match x.value.as_bool() {
                Some(b) => known(Lit::Bool(b)),
                None => Err(Fail),
            },
            _ => unknown,
        },
        ("tostring", [x]) => match &x.value {
            Value::Absent => at(Value::Absent),
            Value::Known(Lit::List(_) | Lit::Object(_)) => Err(Fail),
            Value::Known(_) => known(Lit::String(x.value.to_text().unwrap_or_default())),
            _ => unknown,
        },
        ("tonumber", [x]) => match &x.value {
            Value::Absent => at(Value::Absent),
            Value::Known(Lit::Number(_)) => Ok(x.clone()),
            Value::Known(Lit::String(_)) => match x.value.as_number() {
                Some(n) => known(Lit::Number(n)),
                None => Err(Fail),
            },
            Value::Known(_) => Err(Fail),
            _ => unknown,
        },
        ("tolist", [x]) => match &x.value {
            Value::Absent => at(Value::Absent),
            Value::Known(Lit::List(_)) => Ok(x.clone()),
            Value::Known(_) => Err(Fail),
            _ => unknown,
        },
        ("toset", [x]) => match &x.value {
            Value::Absent => at(Value::Absent),
            Value::Known(Lit::List(l)) => {
                let mut left = EQUALITY_BUDGET;
                let items = dedup(l, &mut left);
                if let Err(u) = scope.spend((EQUALITY_BUDGET - left) as usize, span, cx) {
                    return Ok(u);
                }
                match items {
                    Some(items) => known(Lit::List(items.into())),
                    None => unknown,
                }
            }
            Value::Known(_) => Err(Fail),
            _ => unknown,
        },
        _ => Err(Fail), // a known function with the wrong number of arguments
    }
}

/// `concat`: the lists one after the other, unless the result would be over the element cap.
fn concat(scope: &Scope<'_>, vals: &[Evaluated], span: Span, cx: &Cx<'_>) -> Outcome {
    let mut total = 0;
    for v in vals {
        match &v.value {
            Value::Known(Lit::List(l)) => total += l.len(),
            Value::Known(_) | Value::Absent => return Err(Fail),
            _ => return Ok(cx.at(span, Value::Unknown)),
        }
    }
    if let Some(u) = scope.too_many(total, span, cx) {
        return Ok(u);
    }
    if let Err(u) = scope.spend(total, span, cx) {
        return Ok(u);
    }
    let out: Vec<Evaluated> = vals
        .iter()
        .filter_map(|v| v.value.as_list())
        .flat_map(|l| l.iter().cloned())
        .collect();
    Ok(cx.at(span, Value::Known(Lit::List(out.into()))))
}

/// `merge`: later arguments win, null arguments are skipped; a key written again moves to the
/// end with its new value. Linear: the old place of a key is found by a map and left empty.
fn merge(scope: &Scope<'_>, vals: &[Evaluated], span: Span, cx: &Cx<'_>) -> Outcome {
    let mut out: Vec<Option<(Arc<str>, Evaluated)>> = Vec::new();
    let mut slot: std::collections::HashMap<Arc<str>, usize> = std::collections::HashMap::new();
    let mut live = 0;
    for v in vals {
        let o = match &v.value {
            Value::Absent => continue,
            Value::Known(Lit::Object(o)) => o,
            Value::Known(_) => return Err(Fail),
            _ => return Ok(cx.at(span, Value::Unknown)),
        };
        if let Err(u) = scope.spend(o.len(), span, cx) {
            return Ok(u);
        }
        for (k, e) in o.iter() {
            match slot.insert(k.clone(), out.len()) {
                Some(old) => out[old] = None,
                None => live += 1,
            }
            out.push(Some((k.clone(), e.clone())));
        }
        if let Some(u) = scope.too_many(live, span, cx) {
            return Ok(u);
        }
    }
    let entries: Vec<(Arc<str>, Evaluated)> = out.into_iter().flatten().collect();
    Ok(cx.at(span, Value::Known(Lit::Object(entries.into()))))
}

/// Distinct elements, first occurrence kept; `None` when an element's identity is unknown (the
/// set's size then is too), or when the comparisons run over `budget`. Quadratic, so only for
/// modest lists.
fn dedup(l: &[Evaluated], budget: &mut u32) -> Option<Vec<Evaluated>> {
    if l.len() > 1000 {
        return None;
    }
    let mut out: Vec<Evaluated> = Vec::with_capacity(l.len());
    for item in l {
        let mut seen = false;
        for o in &out {
            if equal_within(&o.value, &item.value, budget)? {
                seen = true;
                break;
            }
        }
        if !seen {
            out.push(item.clone());
        }
    }
    Some(out)
}

fn distinct_keys(o: &[(Arc<str>, Evaluated)]) -> usize {
    let mut k: Vec<&str> = o.iter().map(|(k, _)| &**k).collect();
    k.sort_unstable();
    k.dedup();
    k.len()
}
