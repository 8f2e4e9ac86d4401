//! The few pure Terraform functions worth evaluating for security attributes: `lower`, `upper`,
//! `length`, `contains`, `coalesce`, `try`, `can`, `lookup`, `merge`, `concat`, `tobool`,
//! `tostring`, `tonumber`, `tolist`, `toset`, `tomap`, `join`, `regex`, `jsonencode`,
//! `jsondecode` (the last five for the request bodies of azapi modules). Any other function (or a
//! provider-namespaced one, or `f(list...)`) is unknown.

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
            | "tomap"
            | "join"
            | "regex"
            | "jsonencode"
            | "jsondecode"
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
            // An entry whose whole value is unknown may be a `for`'s that may not be there.
            Value::Known(Lit::Object(o)) if o.iter().any(|(_, e)| e.value.is_unknown()) => unknown,
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
        ("tomap" | "join" | "regex" | "jsonencode" | "jsondecode", _) => {
            for_bodies(scope, name, &vals, span, cx)
        }
        _ => Err(Fail), // a known function with the wrong number of arguments
    }
}

/// The functions request bodies are built with: `tomap`, `join`, `regex`, `jsonencode`,
/// `jsondecode`.
fn for_bodies(
    scope: &Scope<'_>,
    name: &str,
    vals: &[Evaluated],
    span: Span,
    cx: &Cx<'_>,
) -> Outcome {
    let unknown = Ok(cx.at(span, Value::Unknown));
    let at = |v: Value| Ok(cx.at(span, v));
    let known = |l: Lit| Ok(cx.at(span, Value::Known(l)));
    match (name, vals) {
        ("tomap", [x]) => match &x.value {
            Value::Absent => at(Value::Absent),
            Value::Known(Lit::Object(o)) => known(Lit::Object(tomap(o))),
            Value::Known(_) => Err(Fail),
            _ => unknown,
        },
        ("join", [sep, lists @ ..]) if !lists.is_empty() => join(scope, sep, lists, span, cx),
        ("regex", [pattern, text]) => regex(pattern, text, span, cx),
        ("jsonencode", [x]) => match super::json::encode(&x.value) {
            Some(t) => known(Lit::String(t.into())),
            None => unknown,
        },
        ("jsondecode", [x]) => match &x.value {
            Value::Known(Lit::String(t)) => super::json::decode(t, &x.origin).ok_or(Fail),
            Value::Known(_) | Value::Absent => Err(Fail),
            _ => unknown,
        },
        _ => Err(Fail), // the wrong number of arguments
    }
}

/// `tomap`: a map's values share one type; mixed primitives with a string among them all become
/// strings (`tomap({a = true, b = "x"})` holds `"true"`), as Terraform unifies them.
fn tomap(o: &[(Arc<str>, Evaluated)]) -> Arc<[(Arc<str>, Evaluated)]> {
    let strings = o
        .iter()
        .any(|(_, v)| matches!(v.value, Value::Known(Lit::String(_))));
    if !strings {
        return o.into();
    }
    o.iter()
        .map(|(k, v)| {
            let value = match &v.value {
                Value::Known(Lit::Bool(_) | Lit::Number(_)) => {
                    Value::Known(Lit::String(v.value.to_text().unwrap_or_default()))
                }
                other => other.clone(),
            };
            let e = Evaluated {
                value,
                origin: v.origin.clone(),
            };
            (k.clone(), e)
        })
        .collect()
}

/// `join(sep, list…)`: known strings (and numbers, bools) only.
fn join(
    scope: &Scope<'_>,
    sep: &Evaluated,
    lists: &[Evaluated],
    span: Span,
    cx: &Cx<'_>,
) -> Outcome {
    let unknown = Ok(cx.at(span, Value::Unknown));
    let Some(sep) = sep.value.to_text() else {
        return unknown;
    };
    let mut parts: Vec<Arc<str>> = Vec::new();
    for l in lists {
        let items = match &l.value {
            Value::Known(Lit::List(items)) => items,
            Value::Known(_) | Value::Absent => return Err(Fail),
            _ => return unknown,
        };
        if let Err(u) = scope.spend(items.len(), span, cx) {
            return Ok(u);
        }
        for e in items.iter() {
            match (&e.value, e.value.to_text()) {
                (Value::Known(Lit::List(_) | Lit::Object(_)) | Value::Absent, _) => {
                    return Err(Fail);
                }
                (_, Some(t)) => parts.push(t),
                (_, None) => return unknown,
            }
        }
    }
    let out = parts.iter().map(|p| &**p).collect::<Vec<&str>>().join(&sep);
    if out.len() > super::eval::MAX_STRING {
        return unknown;
    }
    Ok(cx.at(span, Value::string(out)))
}

/// The compiled regular expression of `pattern` (`None`: not one), from a small per-thread
/// cache: modules test one pattern against every key of an object (`can(regex(p, k))`), and
/// compiling costs far more than matching.
fn compiled(pattern: &str) -> Option<std::rc::Rc<regex_automata::meta::Regex>> {
    use regex_automata::meta::Regex;
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::Rc;
    thread_local! {
        static CACHE: RefCell<HashMap<String, Option<Rc<Regex>>>> = RefCell::new(HashMap::new());
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(re) = c.get(pattern) {
            return re.clone();
        }
        if c.len() >= 64 {
            c.clear();
        }
        // Bounded compile: a pattern that needs more than this is not evaluated.
        let config = Regex::config().nfa_size_limit(Some(1 << 20));
        let re = Regex::builder()
            .configure(config)
            .build(pattern)
            .ok()
            .map(Rc::new);
        c.insert(pattern.to_string(), re.clone());
        re
    })
}

/// `regex(pattern, text)`: the first match (the whole match without capture groups, the list of
/// groups with unnamed ones, an object with named ones); no match is Terraform's error (what
/// `can(regex(…))` tests).
fn regex(pattern: &Evaluated, text: &Evaluated, span: Span, cx: &Cx<'_>) -> Outcome {
    let unknown = Ok(cx.at(span, Value::Unknown));
    let (Some(p), Some(t)) = (pattern.value.as_str(), text.value.to_text()) else {
        return match (&pattern.value, &text.value) {
            (Value::Absent, _) | (_, Value::Absent) => Err(Fail),
            _ => unknown,
        };
    };
    let Some(re) = compiled(p) else {
        return Err(Fail);
    };
    let mut caps = re.create_captures();
    re.captures(&*t, &mut caps);
    let Some(m) = caps.get_match() else {
        return Err(Fail);
    };
    let groups = re.group_info().group_len(regex_automata::PatternID::ZERO);
    let at = |s: &str| cx.at(span, Value::string(s));
    if groups <= 1 {
        return Ok(at(&t[m.range()]));
    }
    let group = |i: usize| {
        caps.get_group(i)
            .map_or(String::new(), |g| t[g.range()].to_string())
    };
    let names: Vec<Option<&str>> = re
        .group_info()
        .pattern_names(regex_automata::PatternID::ZERO)
        .skip(1)
        .collect();
    let value = if names.iter().any(Option::is_some) {
        let entries: Vec<(Arc<str>, Evaluated)> = names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| n.map(|n| (Arc::from(n), at(&group(i + 1)))))
            .collect();
        Lit::Object(entries.into())
    } else {
        Lit::List(
            (1..groups)
                .map(|i| at(&group(i)))
                .collect::<Vec<_>>()
                .into(),
        )
    };
    Ok(cx.at(span, Value::Known(value)))
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
