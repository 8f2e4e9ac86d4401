//! Our three-valued evaluator over hcl-edit expressions (see [`super::value`]).
//!
//! Supported: literals, lists, objects, string templates and heredocs over known parts, `var.x`
//! (root module: tfvars > default; child module: the caller's argument > default; no value →
//! unknown; `default = null` → absent), `local.x` (memoised, cycles → unknown), `each`/`count`
//! and dynamic-block iterators when a resource or block has exactly one known instance,
//! conditionals (a known condition picks a branch; an unknown one gives the branches' common
//! value or unknown), `!`, `&&`, `||` (three-valued), `==`, `!=`, comparisons and arithmetic on
//! known numbers, indexing and attribute access into known values, `for` expressions over known
//! collections ([`super::for_expr`]), a few pure functions (`functions.rs`: lower, upper,
//! length, contains, coalesce, try, can, lookup, merge, concat, tobool, tostring, tonumber,
//! tolist, toset, tomap, join, regex, jsonencode, jsondecode), references to resources and data
//! sources ([`Ref`]), and the outputs of local child modules (`module.aks.id`, see
//! [`super::outputs`]) when the scope knows the modules it may call ([`Scope::calling`]). `&&` and
//! `||` short-circuit as Terraform ≥ 1.12 does (`false && null.x` is false). Everything else —
//! remote modules' outputs, `path.*`, template directives, other functions — is unknown.
//!
//! Bounded: expression nesting is bounded by hcl-edit (64 levels, 128 operators); our own
//! recursion (expressions plus chains of locals) stops at [`MAX_DEPTH`] frames and gives unknown;
//! strings longer than 1 MiB are unknown; equality gives up after a budget; collections and the
//! steps of one evaluation are capped too ([`super::budget`]).

use super::budget::{Budget, Cap, MAX_ELEMENTS};
use super::functions;
use super::module::{AttrAt, Module, span_of};
pub use super::outputs::{Calls, MAX_CALL_DEPTH};
use super::value::{
    EQUALITY_BUDGET, Evaluated, Lit, Origin, Ref, RefMode, Value, equal_within, field,
};
use crate::source::Span;
use hcl_edit::expr::{
    BinaryOp, BinaryOperator, Conditional, Expression, ObjectKey, Traversal, TraversalOperator,
    UnaryOperator,
};
use hcl_edit::template::{Element, Strip, Template};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Frames of our recursive evaluation (expressions and locals together) before giving up with
/// unknown. Keeps evaluation within a 2 MiB stack in debug builds.
pub const MAX_DEPTH: u32 = 128;
/// Longest string built by templates and functions.
pub const MAX_STRING: usize = 1 << 20;

/// Names bound inside a resource or a dynamic block: `each`, `count`, a dynamic block's iterator.
#[derive(Debug, Clone, Default)]
pub struct Env {
    bindings: Vec<(Arc<str>, Evaluated)>,
}

impl Env {
    /// This environment plus `name` (which shadows an outer binding of the same name).
    pub fn bind(&self, name: impl Into<Arc<str>>, value: Evaluated) -> Env {
        let mut e = self.clone();
        e.bindings.push((name.into(), value));
        e
    }

    /// Whether `name` is bound (`each`, `count`, an iterator).
    pub fn is_bound(&self, name: &str) -> bool {
        self.lookup(name).is_some()
    }

    fn lookup(&self, name: &str) -> Option<&Evaluated> {
        self.bindings
            .iter()
            .rev()
            .find(|(n, _)| &**n == name)
            .map(|(_, v)| v)
    }
}

/// Terraform would stop with an error here. Only `try` and `can` see it; everywhere else it
/// reads as unknown.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fail;
pub(crate) type Outcome = Result<Evaluated, Fail>;

/// Where an expression is evaluated: its file (for origins) and the bound names.
#[derive(Clone, Copy)]
pub(crate) struct Cx<'a> {
    pub file: &'a Arc<str>,
    pub env: &'a Env,
}

impl Cx<'_> {
    pub(crate) fn at(&self, span: Span, value: Value) -> Evaluated {
        Evaluated {
            value,
            origin: Origin {
                file: self.file.clone(),
                span,
            },
        }
    }

    pub(crate) fn unknown(&self, e: &impl hcl_edit::Span) -> Evaluated {
        self.at(span_of(e), Value::Unknown)
    }
}

pub(super) enum Slot {
    Busy,
    Done(Outcome),
}

/// A module with its input values: evaluates expressions of that module.
pub struct Scope<'m> {
    pub(super) module: &'m Module,
    vars: BTreeMap<String, Evaluated>,
    locals: RefCell<HashMap<String, Slot>>,
    pub(super) depth: Cell<u32>,
    pub(super) budget: Budget,
    /// The local modules this instance may call; without them module outputs are unknown.
    pub(super) calls: Option<Calls<'m>>,
    /// The outputs of children read so far, by call and output name.
    pub(super) outputs: RefCell<HashMap<(String, String), Slot>>,
    /// The variables of the instance each call makes, once made (`None`: not followed).
    pub(super) child_vars: RefCell<HashMap<String, Option<BTreeMap<String, Evaluated>>>>,
    /// A representative instance: made by a call whose `count`/`for_each` is unknown (or by a
    /// child of one), so whether it exists at all is unknown (rules.md, "Unknown presence").
    pub(super) representative: bool,
}

impl<'m> Scope<'m> {
    /// The module as a root module: variables from its tfvars (and the var-files it was loaded
    /// with), else their defaults.
    pub fn new(module: &'m Module) -> Scope<'m> {
        Scope::build(module, None)
    }

    /// The module as a child: variables from the caller's arguments (evaluated in the caller's
    /// scope, see `ModuleCall::inputs`), else their defaults. Its own tfvars are ignored, as
    /// Terraform does.
    pub fn with_inputs(module: &'m Module, inputs: BTreeMap<String, Evaluated>) -> Scope<'m> {
        Scope::build(module, Some(inputs))
    }

    /// The module with variables already evaluated (an instance made again, see
    /// [`super::outputs`]).
    pub(super) fn with_vars(module: &'m Module, vars: BTreeMap<String, Evaluated>) -> Scope<'m> {
        Scope {
            module,
            vars,
            locals: RefCell::new(HashMap::new()),
            depth: Cell::new(0),
            budget: Budget::default(),
            calls: None,
            outputs: RefCell::new(HashMap::new()),
            child_vars: RefCell::new(HashMap::new()),
            representative: false,
        }
    }

    /// Every input variable's value.
    pub(super) fn vars(&self) -> &BTreeMap<String, Evaluated> {
        &self.vars
    }

    fn build(module: &'m Module, inputs: Option<BTreeMap<String, Evaluated>>) -> Scope<'m> {
        let mut scope = Scope::with_vars(module, BTreeMap::new());
        let empty = Env::default();
        let mut vars = BTreeMap::new();
        for (name, at) in &module.variables {
            let block = module.block(*at);
            let file = &module.file(at.file).name;
            let cx = Cx { file, env: &empty };
            scope.budget.start();
            let default = block.body.get_attribute("default");
            let not_nullable = block
                .body
                .get_attribute("nullable")
                .and_then(|a| a.value.as_bool())
                == Some(false);
            let given = match &inputs {
                Some(i) => i.get(name).cloned(),
                None => module.tfvars.get(name).map(|at| scope.eval_attr(*at)),
            };
            let value = match given {
                Some(v) if !(v.value.is_absent() && not_nullable && default.is_some()) => v,
                _ => match default {
                    Some(d) => scope.eval(&d.value, &cx),
                    None => cx.at(super::module::header_span(block), Value::Unknown),
                },
            };
            let value = match block.body.get_attribute("type") {
                Some(t) => super::types::apply(&scope, value, &t.value, &cx),
                None => value,
            };
            vars.insert(name.clone(), value);
        }
        scope.vars = vars;
        // Defaults and tfvars cannot read locals; forget anything read while vars were missing.
        scope.locals.borrow_mut().clear();
        scope
    }

    pub fn module(&self) -> &'m Module {
        self.module
    }

    /// This scope as a representative instance (see [`Scope::is_representative`]).
    pub fn representative(mut self) -> Scope<'m> {
        self.representative = true;
        self
    }

    /// Whether it stands for the instances of a call whose `count`/`for_each` is unknown, or of
    /// a child of one: what it holds is judged once, and may not exist.
    pub fn is_representative(&self) -> bool {
        self.representative
    }

    /// The value of an input variable, `None` when the module declares no such variable.
    pub fn var(&self, name: &str) -> Option<&Evaluated> {
        self.vars.get(name)
    }

    /// The value of a local, `None` when the module declares no such local.
    pub fn local(&self, name: &str) -> Option<Evaluated> {
        let at = *self.module.locals.get(name)?;
        let file = self.module.file(at.file).name.clone();
        let env = Env::default();
        let cx = Cx {
            file: &file,
            env: &env,
        };
        let span = span_of(&self.module.attr(at).value);
        self.budget.start();
        Some(
            self.local_outcome(name, span, &cx)
                .unwrap_or_else(|_| cx.at(span, Value::Unknown)),
        )
    }

    /// Evaluates an expression of this module written in `file` (a [`super::SourceFile`]'s
    /// name), with the names bound in `env`.
    pub fn eval_in(&self, expr: &Expression, file: &Arc<str>, env: &Env) -> Evaluated {
        let cx = Cx { file, env };
        self.budget.start();
        self.eval(expr, &cx)
    }

    /// The caps evaluation has hit in this scope so far, with where (see [`super::budget`]).
    pub fn capped(&self) -> Vec<(Origin, Cap)> {
        self.budget.hit()
    }

    /// Takes `steps` from the current evaluation's budget; past it, the unknown value to give
    /// instead.
    pub(crate) fn spend(&self, steps: usize, span: Span, cx: &Cx<'_>) -> Result<(), Evaluated> {
        let at = || Origin {
            file: cx.file.clone(),
            span,
        };
        if self.budget.spend(steps, at) {
            Ok(())
        } else {
            Err(cx.at(span, Value::Unknown))
        }
    }

    /// The unknown value to give instead of a collection of `n` elements, when `n` is over
    /// [`MAX_ELEMENTS`] (the cap is remembered).
    pub(crate) fn too_many(&self, n: usize, span: Span, cx: &Cx<'_>) -> Option<Evaluated> {
        if n <= MAX_ELEMENTS {
            return None;
        }
        let at = Origin {
            file: cx.file.clone(),
            span,
        };
        self.budget.record(at, Cap::Elements);
        Some(cx.at(span, Value::Unknown))
    }

    /// Terraform's `==`, its comparisons taken from the evaluation's budget.
    pub(crate) fn equal(
        &self,
        a: &Value,
        b: &Value,
        span: Span,
        cx: &Cx<'_>,
    ) -> Result<Option<bool>, Evaluated> {
        let mut left = EQUALITY_BUDGET;
        let r = equal_within(a, b, &mut left);
        self.spend((EQUALITY_BUDGET - left) as usize, span, cx)?;
        Ok(r)
    }

    pub(crate) fn eval(&self, expr: &Expression, cx: &Cx<'_>) -> Evaluated {
        self.ev(expr, cx).unwrap_or_else(|_| cx.unknown(expr))
    }

    fn eval_attr(&self, at: AttrAt) -> Evaluated {
        let file = &self.module.file(at.file).name;
        let env = Env::default();
        self.eval(&self.module.attr(at).value, &Cx { file, env: &env })
    }

    /// The recursion guard around every expression.
    pub(crate) fn ev(&self, e: &Expression, cx: &Cx<'_>) -> Outcome {
        let d = self.depth.get();
        if d >= MAX_DEPTH {
            return Ok(cx.unknown(e));
        }
        self.depth.set(d + 1);
        let r = self.ev_inner(e, cx);
        self.depth.set(d);
        r
    }

    fn ev_inner(&self, e: &Expression, cx: &Cx<'_>) -> Outcome {
        let span = span_of(e);
        let known = |l: Lit| Ok(cx.at(span, Value::Known(l)));
        match e {
            Expression::Null(_) => Ok(cx.at(span, Value::Absent)),
            Expression::Bool(b) => known(Lit::Bool(*b.value())),
            Expression::Number(n) => match n.value().as_f64() {
                Some(f) => known(Lit::Number(f)),
                None => Ok(cx.unknown(e)),
            },
            Expression::String(s) => known(Lit::String(s.value().as_str().into())),
            Expression::Array(a) => {
                if let Some(u) = self.too_many(a.len(), span, cx) {
                    return Ok(u);
                }
                if let Err(u) = self.spend(a.len(), span, cx) {
                    return Ok(u);
                }
                let mut items = Vec::with_capacity(a.len());
                for x in a.iter() {
                    items.push(self.ev(x, cx)?);
                }
                known(Lit::List(items.into()))
            }
            Expression::Object(o) => {
                if let Some(u) = self.too_many(o.len(), span, cx) {
                    return Ok(u);
                }
                if let Err(u) = self.spend(o.len(), span, cx) {
                    return Ok(u);
                }
                let mut entries = Vec::with_capacity(o.len());
                for (k, v) in o.iter() {
                    let key: Arc<str> = match k {
                        ObjectKey::Ident(i) => i.as_str().into(),
                        ObjectKey::Expression(Expression::Variable(i)) => i.as_str().into(),
                        ObjectKey::Expression(x) => match self.ev(x, cx)?.value.to_text() {
                            Some(t) => t,
                            None => return Ok(cx.unknown(e)),
                        },
                    };
                    entries.push((key, self.ev(v.expr(), cx)?));
                }
                known(Lit::Object(entries.into()))
            }
            Expression::StringTemplate(t) => self.template(t, span, cx),
            Expression::HeredocTemplate(h) => self.template(&h.template, span, cx),
            Expression::Parenthesis(p) => self.ev(p.inner(), cx),
            Expression::Variable(v) => match cx.env.lookup(v.as_str()) {
                Some(b) => Ok(b.clone()),
                None => Ok(cx.unknown(e)),
            },
            Expression::Conditional(c) => self.conditional(c, span, cx),
            Expression::FuncCall(f) => functions::call(self, f, span, cx),
            Expression::Traversal(t) => self.traversal(t, span, cx),
            Expression::UnaryOp(u) => {
                let v = self.ev(&u.expr, cx)?;
                let out = match (u.operator.value(), &v.value) {
                    (_, Value::Absent) => return Err(Fail),
                    (UnaryOperator::Not, x) => match truth(x) {
                        Some(b) => Value::Known(Lit::Bool(!b)),
                        None => Value::Unknown,
                    },
                    (UnaryOperator::Neg, x) => match x.as_number() {
                        Some(n) => Value::Known(Lit::Number(-n)),
                        None => Value::Unknown,
                    },
                };
                Ok(cx.at(span, out))
            }
            Expression::BinaryOp(b) => self.binary(b, span, cx),
            Expression::ForExpr(f) => self.for_expr(f, span, cx),
        }
    }

    fn template(&self, t: &Template, span: Span, cx: &Cx<'_>) -> Outcome {
        // A template that is one interpolation gives that value itself (`"${var.flag}"` is a bool).
        if let Some(Element::Interpolation(i)) = t.as_single_element()
            && i.strip == Strip::None
        {
            return self.ev(&i.expr, cx);
        }
        let mut out = String::new();
        let mut unknown = false;
        for el in t.iter() {
            match el {
                Element::Literal(s) => out.push_str(s.value()),
                Element::Interpolation(i) => {
                    if i.strip != Strip::None {
                        unknown = true;
                        continue;
                    }
                    let v = self.ev(&i.expr, cx)?;
                    match &v.value {
                        Value::Absent => return Err(Fail),
                        Value::Known(Lit::List(_) | Lit::Object(_)) => return Err(Fail),
                        Value::Known(_) => {
                            out.push_str(&v.value.to_text().unwrap_or_default());
                        }
                        Value::Unknown | Value::Ref(_) => unknown = true,
                    }
                }
                Element::Directive(_) => unknown = true,
            }
            if out.len() > MAX_STRING {
                let at = Origin {
                    file: cx.file.clone(),
                    span,
                };
                self.budget.record(at, Cap::String);
                unknown = true;
                break;
            }
        }
        if unknown {
            Ok(cx.at(span, Value::Unknown))
        } else {
            Ok(cx.at(span, Value::string(out)))
        }
    }

    fn conditional(&self, c: &Conditional, span: Span, cx: &Cx<'_>) -> Outcome {
        let cond = self.ev(&c.cond_expr, cx)?;
        if cond.value.is_absent() {
            return Err(Fail);
        }
        match truth(&cond.value) {
            Some(true) => self.ev(&c.true_expr, cx),
            Some(false) => self.ev(&c.false_expr, cx),
            None => {
                let (Ok(t), Ok(f)) = (self.ev(&c.true_expr, cx), self.ev(&c.false_expr, cx)) else {
                    return Ok(cx.at(span, Value::Unknown));
                };
                let same = match self.equal(&t.value, &f.value, span, cx) {
                    Ok(same) => same,
                    Err(u) => return Ok(u),
                };
                if same == Some(true) {
                    Ok(cx.at(span, t.value))
                } else {
                    Ok(cx.at(span, Value::Unknown))
                }
            }
        }
    }

    fn binary(&self, b: &BinaryOp, span: Span, cx: &Cx<'_>) -> Outcome {
        use BinaryOperator as Op;
        let l = self.ev(&b.lhs_expr, cx)?;
        // `false && x` and `true || x` do not read `x` (Terraform ≥ 1.12 short-circuits:
        // `var.sku != null && var.sku.name == "…"` is how modules guard a null).
        let op = *b.operator.value();
        let decided = match (op, truth(&l.value)) {
            (Op::And, Some(false)) => Some(false),
            (Op::Or, Some(true)) => Some(true),
            _ => None,
        };
        if let Some(d) = decided {
            return Ok(cx.at(span, Value::Known(Lit::Bool(d))));
        }
        let r = self.ev(&b.rhs_expr, cx)?;
        let (l, r) = (&l.value, &r.value);
        let boolean = |x: Option<bool>| match x {
            Some(b) => Value::Known(Lit::Bool(b)),
            None => Value::Unknown,
        };
        let eq = |cx: &Cx<'_>| self.equal(l, r, span, cx);
        let out = match op {
            Op::Eq => match eq(cx) {
                Ok(same) => boolean(same),
                Err(u) => return Ok(u),
            },
            Op::NotEq => match eq(cx) {
                Ok(same) => boolean(same.map(|x| !x)),
                Err(u) => return Ok(u),
            },
            Op::And | Op::Or => {
                if l.is_absent() || r.is_absent() {
                    return Err(Fail);
                }
                let (x, y) = (truth(l), truth(r));
                boolean(if op == Op::And {
                    match (x, y) {
                        (Some(false), _) | (_, Some(false)) => Some(false),
                        (Some(true), Some(true)) => Some(true),
                        _ => None,
                    }
                } else {
                    match (x, y) {
                        (Some(true), _) | (_, Some(true)) => Some(true),
                        (Some(false), Some(false)) => Some(false),
                        _ => None,
                    }
                })
            }
            _ => {
                if l.is_absent() || r.is_absent() {
                    return Err(Fail);
                }
                let (Some(x), Some(y)) = (l.as_number(), r.as_number()) else {
                    return Ok(cx.at(span, Value::Unknown));
                };
                let n = |v: f64| Value::Known(Lit::Number(v));
                match op {
                    Op::Less => boolean(Some(x < y)),
                    Op::LessEq => boolean(Some(x <= y)),
                    Op::Greater => boolean(Some(x > y)),
                    Op::GreaterEq => boolean(Some(x >= y)),
                    Op::Plus => n(x + y),
                    Op::Minus => n(x - y),
                    Op::Mul => n(x * y),
                    Op::Div | Op::Mod if y == 0.0 => return Err(Fail),
                    Op::Div => n(x / y),
                    Op::Mod => n(x % y),
                    Op::Eq | Op::NotEq | Op::And | Op::Or => Value::Unknown,
                }
            }
        };
        Ok(cx.at(span, out))
    }

    fn traversal(&self, t: &Traversal, span: Span, cx: &Cx<'_>) -> Outcome {
        let ops = &t.operators;
        let Expression::Variable(root) = &t.expr else {
            let base = self.ev(&t.expr, cx)?;
            return self.apply(base, ops, span, cx);
        };
        let root = root.as_str();
        if let Some(b) = cx.env.lookup(root) {
            return self.apply(b.clone(), ops, span, cx);
        }
        let unknown = Ok(cx.at(span, Value::Unknown));
        let name_at = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(n)) => Some(n.as_str()),
            _ => None,
        };
        match root {
            "var" => {
                let Some(v) = name_at(0).and_then(|n| self.vars.get(n)) else {
                    return unknown;
                };
                self.apply(v.clone(), &ops[1..], span, cx)
            }
            "local" => {
                let Some(name) = name_at(0) else {
                    return unknown;
                };
                let v = self.local_outcome(name, span, cx)?;
                self.apply(v, &ops[1..], span, cx)
            }
            "module" => self.module_output(ops, span, cx),
            "path" | "terraform" | "self" | "count" | "each" => unknown,
            _ => {
                let (mode, kind, name, rest) = if root == "data" {
                    match (name_at(0), name_at(1)) {
                        (Some(k), Some(n)) => (RefMode::Data, k, n, 2),
                        _ => return unknown,
                    }
                } else {
                    match name_at(0) {
                        Some(n) => (RefMode::Managed, root, n, 1),
                        None => return unknown,
                    }
                };
                let attr = ops[rest..].iter().find_map(|o| match o.value() {
                    TraversalOperator::GetAttr(a) => Some(Arc::from(a.as_str())),
                    _ => None,
                });
                let r = Ref {
                    module: "".into(),
                    mode,
                    kind: kind.into(),
                    name: name.into(),
                    attr,
                };
                Ok(cx.at(span, Value::Ref(r)))
            }
        }
    }

    /// Applies attribute and index operators to a value.
    pub(super) fn apply(
        &self,
        mut cur: Evaluated,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        span: Span,
        cx: &Cx<'_>,
    ) -> Outcome {
        for (i, op) in ops.iter().enumerate() {
            // A lookup reads an object's entries one by one.
            if let Value::Known(Lit::Object(o)) = &cur.value
                && let Err(u) = self.spend(o.len(), span, cx)
            {
                return Ok(u);
            }
            let next = match op.value() {
                TraversalOperator::GetAttr(name) => lookup_key(&cur, name.as_str())?,
                TraversalOperator::Index(ix) => {
                    let k = self.ev(ix, cx)?;
                    match (&cur.value, &k.value) {
                        (Value::Absent, _) => return Err(Fail),
                        (Value::Ref(_), _) => Some(cur.clone()),
                        (_, Value::Absent) => return Err(Fail),
                        (Value::Known(Lit::List(_)), v) => match v.as_number() {
                            Some(n) => lookup_index(&cur, n)?,
                            None => None,
                        },
                        (Value::Known(Lit::Object(_)), v) => match v.to_text() {
                            Some(key) => lookup_key(&cur, &key)?,
                            None => None,
                        },
                        (Value::Known(_), Value::Known(_)) => return Err(Fail),
                        _ => None,
                    }
                }
                TraversalOperator::LegacyIndex(n) => lookup_index(&cur, *n.value() as f64)?,
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    return self.splat(cur, &ops[i + 1..], span, cx);
                }
            };
            match next {
                Some(v) => cur = v,
                None => return Ok(cx.at(span, Value::Unknown)),
            }
        }
        Ok(cur)
    }

    /// `x[*].rest` as Terraform reads it: null gives `[]`, a list maps `rest` over its elements,
    /// any other known value `v` gives `[v.rest]`; unknown stays unknown.
    fn splat(
        &self,
        cur: Evaluated,
        rest: &[hcl_edit::Decorated<TraversalOperator>],
        span: Span,
        cx: &Cx<'_>,
    ) -> Outcome {
        let items: Vec<Evaluated> = match &cur.value {
            Value::Absent => Vec::new(),
            Value::Known(Lit::List(l)) => l.to_vec(),
            Value::Known(_) => vec![cur.clone()],
            _ => return Ok(cx.at(span, Value::Unknown)),
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            if let Err(u) = self.spend(1, span, cx) {
                return Ok(u);
            }
            let v = self.apply(item, rest, span, cx)?;
            if v.value.is_unknown() {
                return Ok(cx.at(span, Value::Unknown));
            }
            out.push(v);
        }
        Ok(cx.at(span, Value::Known(Lit::List(out.into()))))
    }

    fn local_outcome(&self, name: &str, span: Span, cx: &Cx<'_>) -> Outcome {
        let Some(at) = self.module.locals.get(name).copied() else {
            return Ok(cx.at(span, Value::Unknown));
        };
        match self.locals.borrow().get(name) {
            Some(Slot::Done(v)) => return v.clone(),
            Some(Slot::Busy) => return Ok(cx.at(span, Value::Unknown)),
            None => {}
        }
        self.locals
            .borrow_mut()
            .insert(name.to_string(), Slot::Busy);
        let file = self.module.file(at.file).name.clone();
        let env = Env::default();
        let r = self.ev(
            &self.module.attr(at).value,
            &Cx {
                file: &file,
                env: &env,
            },
        );
        self.locals
            .borrow_mut()
            .insert(name.to_string(), Slot::Done(r.clone()));
        r
    }
}

/// `x.name` / `x["name"]`: `Ok(None)` for unknown. A missing key is unknown, not an error:
/// object types with `optional(…, default)` attributes would supply it.
fn lookup_key(cur: &Evaluated, key: &str) -> Result<Option<Evaluated>, Fail> {
    match &cur.value {
        Value::Known(Lit::Object(o)) => Ok(field(o, key).cloned()),
        Value::Known(_) | Value::Absent => Err(Fail),
        Value::Ref(r) => {
            let mut r = r.clone();
            if r.attr.is_none() {
                r.attr = Some(key.into());
            }
            Ok(Some(Evaluated {
                value: Value::Ref(r),
                origin: cur.origin.clone(),
            }))
        }
        Value::Unknown => Ok(None),
    }
}

/// `x[n]`: out of range is an error, as in Terraform.
fn lookup_index(cur: &Evaluated, n: f64) -> Result<Option<Evaluated>, Fail> {
    match &cur.value {
        Value::Known(Lit::List(l)) => {
            if n < 0.0 || n.fract() != 0.0 {
                return Err(Fail);
            }
            l.get(n as usize).cloned().map(Some).ok_or(Fail)
        }
        Value::Known(Lit::Object(_)) => lookup_key(cur, &super::value::number_text(n)),
        Value::Known(_) | Value::Absent => Err(Fail),
        Value::Ref(_) => Ok(Some(cur.clone())),
        Value::Unknown => Ok(None),
    }
}

/// A condition's truth: known booleans (and `"true"`/`"false"`, which Terraform converts).
pub(crate) fn truth(v: &Value) -> Option<bool> {
    v.as_bool()
}
