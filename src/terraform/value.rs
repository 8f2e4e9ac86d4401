//! Three-valued Terraform values: known, unknown, absent — and references to other resources.
//!
//! `null` is [`Value::Absent`] wherever it appears (an attribute set to `null`, a variable whose
//! default is `null`, an element of a list): the provider default applies. One representation
//! keeps rules from treating `null` and "not written" differently by accident.

use crate::source::Span;
use std::fmt;
use std::sync::Arc;

/// Where a value was written: a file (its display name) and a byte span in it. For `var.x` it
/// is the tfvars value, the caller's argument or the default; for a chosen conditional branch
/// that branch.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    pub file: Arc<str>,
    pub span: Span,
}

/// A value and where it came from.
#[derive(Debug, Clone)]
pub struct Evaluated {
    pub value: Value,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub enum Value {
    Known(Lit),
    /// Another resource's (or data source's) attribute: its content is not known before apply,
    /// but what it points at is (`target_resource_id = azurerm_kubernetes_cluster.main.id`).
    Ref(Ref),
    /// Cannot be known offline (a variable without value, a function we do not evaluate, a
    /// module output…): never a reason for a finding.
    Unknown,
    /// `null` or not written: the provider default applies.
    Absent,
}

/// A known value. Lists, sets and tuples are `List`; maps and objects are `Object` (keys in
/// written order). Composites are shared (`Arc`), so copying a value is cheap.
#[derive(Debug, Clone)]
pub enum Lit {
    Bool(bool),
    Number(f64),
    String(Arc<str>),
    List(Arc<[Evaluated]>),
    Object(Arc<[(Arc<str>, Evaluated)]>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RefMode {
    /// `azurerm_kubernetes_cluster.main.id`
    Managed,
    /// `data.azurerm_client_config.current.tenant_id`
    Data,
}

/// A reference to a resource or data source of the module instance that wrote it (the one
/// holding the file of its [`Origin`]), or of a child instance of it when it came out of a local
/// module's output (`module.aks.id` → `module.aks.azurerm_kubernetes_cluster.this.id`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ref {
    /// The path from the writing instance to the one declaring the resource: empty for its own
    /// resources, `module.aks.` (`module.aks.module.net.`) through module outputs.
    pub module: Arc<str>,
    pub mode: RefMode,
    /// Resource type: `azurerm_kubernetes_cluster`.
    pub kind: Arc<str>,
    pub name: Arc<str>,
    /// The first attribute read from it (`id`), indexes and splats skipped; `None` for the
    /// bare object.
    pub attr: Option<Arc<str>>,
}

impl Ref {
    /// `azurerm_kubernetes_cluster.main` or `data.azurerm_client_config.current`, after the
    /// module path (`module.aks.azurerm_kubernetes_cluster.this`).
    pub fn address(&self) -> String {
        match self.mode {
            RefMode::Managed => format!("{}{}.{}", self.module, self.kind, self.name),
            RefMode::Data => format!("{}data.{}.{}", self.module, self.kind, self.name),
        }
    }
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.address())?;
        if let Some(a) = &self.attr {
            write!(f, ".{a}")?;
        }
        Ok(())
    }
}

impl Value {
    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }

    pub fn is_absent(&self) -> bool {
        matches!(self, Value::Absent)
    }

    /// A known boolean; the strings `"true"`/`"false"` count, as the provider converts them.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Known(Lit::Bool(b)) => Some(*b),
            Value::Known(Lit::String(s)) => match &**s {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// A known string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Known(Lit::String(s)) => Some(s),
            _ => None,
        }
    }

    /// A known number; numeric strings count, as the provider converts them.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Known(Lit::Number(n)) => Some(*n),
            Value::Known(Lit::String(s)) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// The elements of a known list, set or tuple (each may itself be unknown).
    pub fn as_list(&self) -> Option<&[Evaluated]> {
        match self {
            Value::Known(Lit::List(l)) => Some(l),
            _ => None,
        }
    }

    /// The entries of a known map or object.
    pub fn as_object(&self) -> Option<&[(Arc<str>, Evaluated)]> {
        match self {
            Value::Known(Lit::Object(o)) => Some(o),
            _ => None,
        }
    }

    /// An entry of a known map or object (the last one written wins).
    pub fn get(&self, key: &str) -> Option<&Evaluated> {
        field(self.as_object()?, key)
    }

    pub fn as_ref(&self) -> Option<&Ref> {
        match self {
            Value::Ref(r) => Some(r),
            _ => None,
        }
    }

    pub(crate) fn string(s: impl Into<Arc<str>>) -> Value {
        Value::Known(Lit::String(s.into()))
    }

    /// What Terraform's `tostring` gives for a primitive, if known.
    pub(crate) fn to_text(&self) -> Option<Arc<str>> {
        match self {
            Value::Known(Lit::String(s)) => Some(s.clone()),
            Value::Known(Lit::Bool(b)) => Some(if *b { "true".into() } else { "false".into() }),
            Value::Known(Lit::Number(n)) => Some(number_text(*n).into()),
            _ => None,
        }
    }
}

/// Numbers print as Terraform prints them: integers without a fraction.
pub(crate) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Budget of element comparisons for one equality test: shared composites can describe values
/// exponentially larger than the text; past the budget the answer is "unknown".
pub(crate) const EQUALITY_BUDGET: u32 = 100_000;

/// Terraform's `==` over three values: `Some(true/false)` when it can tell, `None` otherwise.
/// Types are not converted (`1 == "1"` is false, as in Terraform). Origins are ignored.
pub fn equal(a: &Value, b: &Value) -> Option<bool> {
    let mut budget = EQUALITY_BUDGET;
    equal_within(a, b, &mut budget)
}

/// [`equal`] within a budget of element comparisons shared with other tests (`contains`, `toset`).
pub(crate) fn equal_within(a: &Value, b: &Value, budget: &mut u32) -> Option<bool> {
    if *budget == 0 {
        return None;
    }
    *budget -= 1;
    match (a, b) {
        (Value::Unknown, _) | (_, Value::Unknown) => None,
        (Value::Absent, Value::Absent) => Some(true),
        (Value::Absent, Value::Known(_)) | (Value::Known(_), Value::Absent) => Some(false),
        (Value::Ref(x), Value::Ref(y)) if x == y => Some(true),
        (Value::Ref(_), _) | (_, Value::Ref(_)) => None,
        (Value::Known(x), Value::Known(y)) => match (x, y) {
            (Lit::Bool(x), Lit::Bool(y)) => Some(x == y),
            (Lit::Number(x), Lit::Number(y)) => Some(x == y),
            (Lit::String(x), Lit::String(y)) => Some(x == y),
            (Lit::List(x), Lit::List(y)) => {
                if x.len() != y.len() {
                    return Some(false);
                }
                let mut all = Some(true);
                for (p, q) in x.iter().zip(y.iter()) {
                    match equal_within(&p.value, &q.value, budget) {
                        Some(false) => return Some(false),
                        None => all = None,
                        Some(true) => {}
                    }
                }
                all
            }
            (Lit::Object(x), Lit::Object(y)) => {
                let keys = |o: &[(Arc<str>, Evaluated)]| {
                    let mut k: Vec<Arc<str>> = o.iter().map(|(k, _)| k.clone()).collect();
                    k.sort();
                    k.dedup();
                    k
                };
                if keys(x) != keys(y) {
                    return Some(false);
                }
                let mut all = Some(true);
                for k in keys(x) {
                    let (Some(p), Some(q)) = (field(x, &k), field(y, &k)) else {
                        return Some(false);
                    };
                    match equal_within(&p.value, &q.value, budget) {
                        Some(false) => return Some(false),
                        None => all = None,
                        Some(true) => {}
                    }
                }
                all
            }
            _ => Some(false),
        },
    }
}

/// An entry of an object's entries (the last one written wins).
pub(crate) fn field<'a>(o: &'a [(Arc<str>, Evaluated)], key: &str) -> Option<&'a Evaluated> {
    o.iter().rev().find(|(k, _)| &**k == key).map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(v: Value) -> Evaluated {
        Evaluated {
            value: v,
            origin: Origin {
                file: "t.tf".into(),
                span: Span::default(),
            },
        }
    }

    #[test]
    fn equality_is_three_valued() {
        let s = |x: &str| Value::string(x);
        assert_eq!(equal(&s("a"), &s("a")), Some(true));
        assert_eq!(equal(&s("a"), &Value::Known(Lit::Number(1.0))), Some(false));
        assert_eq!(equal(&s("a"), &Value::Unknown), None);
        assert_eq!(equal(&Value::Absent, &Value::Absent), Some(true));
        assert_eq!(equal(&Value::Absent, &s("")), Some(false));
        let l1 = Value::Known(Lit::List(vec![ev(s("a")), ev(Value::Unknown)].into()));
        let l2 = Value::Known(Lit::List(vec![ev(s("b")), ev(Value::Unknown)].into()));
        let l3 = Value::Known(Lit::List(vec![ev(s("a")), ev(s("c"))].into()));
        assert_eq!(equal(&l1, &l2), Some(false));
        assert_eq!(equal(&l1, &l3), None);
    }

    #[test]
    fn shared_composites_exhaust_the_budget_not_the_machine() {
        // 2^40 leaves described by 40 shared levels.
        let mut v = Value::string("x");
        for _ in 0..40 {
            v = Value::Known(Lit::List(vec![ev(v.clone()), ev(v)].into()));
        }
        assert_eq!(equal(&v, &v.clone()), None);
    }

    #[test]
    fn helpers() {
        assert_eq!(Value::string("true").as_bool(), Some(true));
        assert_eq!(Value::string("8").as_number(), Some(8.0));
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(2.5), "2.5");
        let r = Ref {
            module: "".into(),
            mode: RefMode::Data,
            kind: "azurerm_client_config".into(),
            name: "current".into(),
            attr: Some("tenant_id".into()),
        };
        assert_eq!(
            r.to_string(),
            "data.azurerm_client_config.current.tenant_id"
        );
    }
}
