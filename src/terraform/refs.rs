//! What an expression reads of other resources, as written: `azurerm_kubernetes_cluster.main
//! .kube_config[0].client_key` anywhere in it (inside function calls, templates, lists and
//! objects), for rules about where a resource's attribute flows (AKS107: a kubeconfig in an
//! output or a local file) rather than what it evaluates to (its content is not known before
//! apply, and a function such as `base64decode` would make the evaluated value unknown).
//!
//! Followed: `local.x` (and `local.x.key` into an object literal's entry), the branch of a
//! conditional whose condition is known, and a local child's output (`module.aks.kube_config_raw`,
//! `module.aks["a"].kube_config_raw` with a known key): the output's `value` is walked in the
//! instance the call makes ([`Scope::instance`], as the evaluator reads it), its own locals and
//! children included, and what it reads is named through the call (`module.aks.` before the
//! address). Not followed, so what they read is not found: input variables (a reference passed
//! in by a caller), a remote module's outputs, a call with an unknown key or instance count or
//! one that closes a cycle, `for` expressions and template directives, and both branches of a
//! conditional whose condition is unknown (the value may or may not read them: unknown never
//! fires).

use super::eval::{Env, Scope, truth};
use super::module::span_of;
use super::value::RefMode;
use crate::source::Span;
use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl_edit::template::Element;
use std::sync::Arc;

/// Frames of the walk (expressions and locals together) before it stops looking deeper.
const MAX_DEPTH: u32 = 128;

/// One reference to a resource or data source found in an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub mode: RefMode,
    /// `azurerm_kubernetes_cluster`
    pub kind: Arc<str>,
    pub name: Arc<str>,
    /// The attribute names read from it, indexes and splats skipped: `kube_config`,
    /// `client_key` for `….kube_config[0].client_key`; empty for the bare object.
    pub path: Vec<Arc<str>>,
    /// The calls from the reading instance to the one declaring the resource (`aks` for
    /// `module.aks.azurerm_kubernetes_cluster.this`); empty for its own resources.
    pub calls: Vec<Arc<str>>,
    /// The child output the reading came through, as the reading instance names it
    /// (`module.aks.kube_config_raw`); `None` for its own resources.
    pub through: Option<Arc<str>>,
    /// Where the reference is written (a local's file when it came through one).
    pub file: Arc<str>,
    pub span: Span,
}

impl Reading {
    /// `azurerm_kubernetes_cluster.main` or `data.azurerm_kubernetes_cluster.main`, after the
    /// module path (`module.aks.azurerm_kubernetes_cluster.this`).
    pub fn address(&self) -> String {
        let module: String = self.calls.iter().map(|c| format!("module.{c}.")).collect();
        match self.mode {
            RefMode::Managed => format!("{module}{}.{}", self.kind, self.name),
            RefMode::Data => format!("{module}data.{}.{}", self.kind, self.name),
        }
    }
}

struct Walk<'s, 'm> {
    scope: &'s Scope<'m>,
    /// Locals being followed (a cycle reads nothing more).
    locals: Vec<String>,
    depth: u32,
    /// Attributes read after a child's output, past what its object literals resolve
    /// (`module.aks.kube_config[0].host`: `host`), appended to what the output reads.
    suffix: Vec<Arc<str>>,
    out: Vec<Reading>,
}

impl Scope<'_> {
    /// The references `expr` (written in `file`, with `env` bound) reads, in written order.
    pub fn readings(&self, expr: &Expression, file: &Arc<str>, env: &Env) -> Vec<Reading> {
        let mut w = Walk {
            scope: self,
            locals: Vec::new(),
            depth: 0,
            suffix: Vec::new(),
            out: Vec::new(),
        };
        w.expr(expr, file, env);
        w.out
    }
}

impl Walk<'_, '_> {
    fn expr(&mut self, e: &Expression, file: &Arc<str>, env: &Env) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        match e {
            Expression::Array(a) => a.iter().for_each(|x| self.expr(x, file, env)),
            Expression::Object(o) => {
                for (_, v) in o.iter() {
                    self.expr(v.expr(), file, env);
                }
            }
            Expression::StringTemplate(t) => self.template(t.iter(), file, env),
            Expression::HeredocTemplate(h) => self.template(h.template.iter(), file, env),
            Expression::Parenthesis(p) => self.expr(p.inner(), file, env),
            Expression::Conditional(c) => {
                let cond = self.scope.eval_in(&c.cond_expr, file, env);
                match truth(&cond.value) {
                    Some(true) => self.expr(&c.true_expr, file, env),
                    Some(false) => self.expr(&c.false_expr, file, env),
                    None => {}
                }
            }
            Expression::FuncCall(f) => f.args.iter().for_each(|x| self.expr(x, file, env)),
            Expression::Traversal(t) => self.traversal(t, file, env),
            Expression::UnaryOp(u) => self.expr(&u.expr, file, env),
            Expression::BinaryOp(b) => {
                self.expr(&b.lhs_expr, file, env);
                self.expr(&b.rhs_expr, file, env);
            }
            _ => {}
        }
        self.depth -= 1;
    }

    fn template<'a>(
        &mut self,
        elements: impl Iterator<Item = &'a Element>,
        file: &Arc<str>,
        env: &Env,
    ) {
        for el in elements {
            if let Element::Interpolation(i) = el {
                self.expr(&i.expr, file, env);
            }
        }
    }

    fn traversal(&mut self, t: &hcl_edit::expr::Traversal, file: &Arc<str>, env: &Env) {
        let ops: Vec<&TraversalOperator> = t.operators.iter().map(|o| o.value()).collect();
        let Expression::Variable(root) = &t.expr else {
            return self.expr(&t.expr, file, env);
        };
        let root = root.as_str();
        let name_at = |i: usize| match ops.get(i) {
            Some(TraversalOperator::GetAttr(n)) => Some(n.as_str()),
            _ => None,
        };
        if env.is_bound(root) {
            return;
        }
        let (mode, kind, name, rest) = match root {
            "local" => {
                if let Some(name) = name_at(0) {
                    self.local(name, &ops[1..]);
                }
                return;
            }
            "module" => return self.module_output(&ops, file, env),
            "var" | "path" | "terraform" | "self" | "count" | "each" => return,
            "data" => match (name_at(0), name_at(1)) {
                (Some(k), Some(n)) => (RefMode::Data, k, n, 2),
                _ => return,
            },
            _ => match name_at(0) {
                Some(n) => (RefMode::Managed, root, n, 1),
                None => return,
            },
        };
        let path = ops[rest..]
            .iter()
            .filter_map(|o| match o {
                TraversalOperator::GetAttr(a) => Some(Arc::from(a.as_str())),
                _ => None,
            })
            .chain(self.suffix.iter().cloned())
            .take(2)
            .collect();
        self.out.push(Reading {
            mode,
            kind: kind.into(),
            name: name.into(),
            path,
            calls: Vec::new(),
            through: None,
            file: file.clone(),
            span: span_of(t),
        });
    }

    /// Follows `module.<name>[key].<output>…` into the output's `value` in the instance the
    /// call makes.
    fn module_output(&mut self, ops: &[&TraversalOperator], file: &Arc<str>, env: &Env) {
        let Some(TraversalOperator::GetAttr(name)) = ops.first() else {
            return;
        };
        let name = name.as_str();
        let mut next = 1;
        if self.scope.keyed(name) {
            let Some(TraversalOperator::Index(ix)) = ops.get(1) else {
                return;
            };
            if self.scope.eval_in(ix, file, env).value.to_text().is_none() {
                return;
            }
            next = 2;
        }
        let Some(TraversalOperator::GetAttr(output)) = ops.get(next) else {
            return;
        };
        let Some(child) = self.scope.instance(name) else {
            return;
        };
        let m = child.module();
        let Some(at) = m
            .outputs
            .iter()
            .find(|at| m.block(**at).labels[0].as_str() == output.as_str())
        else {
            return;
        };
        let Some(value) = m.block(*at).body.get_attribute("value") else {
            return;
        };
        let Some((e, rest)) = entry(&value.value, &ops[next + 1..]) else {
            return;
        };
        let suffix = rest
            .iter()
            .filter_map(|o| match o {
                TraversalOperator::GetAttr(a) => Some(Arc::from(a.as_str())),
                _ => None,
            })
            .chain(self.suffix.iter().cloned())
            .collect();
        let mut w = Walk {
            scope: &child,
            locals: Vec::new(),
            depth: self.depth,
            suffix,
            out: Vec::new(),
        };
        w.expr(e, &m.file(at.file).name.clone(), &Env::default());
        let through: Arc<str> = format!("module.{name}.{output}").into();
        for mut r in w.out {
            r.calls.insert(0, name.into());
            r.through = Some(through.clone());
            self.out.push(r);
        }
    }

    /// Follows `local.name`, into an object literal's entry when `rest` names one.
    fn local(&mut self, name: &str, rest: &[&TraversalOperator]) {
        let m = self.scope.module();
        let Some(at) = m.locals.get(name).copied() else {
            return;
        };
        if self.locals.iter().any(|l| l == name) {
            return;
        }
        self.locals.push(name.to_string());
        let file = m.file(at.file).name.clone();
        if let Some((e, _)) = entry(&m.attr(at).value, rest) {
            self.expr(e, &file, &Env::default());
        }
        self.locals.pop();
    }
}

/// The entry of an object literal `rest` names (`local.x.key`), as deep as literals go, and the
/// operators left; `None` when a literal certainly lacks the key.
fn entry<'e, 'o>(
    mut e: &'e Expression,
    rest: &'o [&'o TraversalOperator],
) -> Option<(&'e Expression, &'o [&'o TraversalOperator])> {
    for (i, op) in rest.iter().enumerate() {
        let (TraversalOperator::GetAttr(key), Expression::Object(o)) = (op, e) else {
            return Some((e, &rest[i..]));
        };
        let entry = o.iter().filter(|(k, _)| match k {
            ObjectKey::Ident(i) => i.as_str() == key.as_str(),
            ObjectKey::Expression(Expression::Variable(i)) => i.as_str() == key.as_str(),
            ObjectKey::Expression(Expression::String(s)) => s.value().as_str() == key.as_str(),
            ObjectKey::Expression(_) => false,
        });
        // The last one written wins.
        match entry.last() {
            Some((_, v)) => e = v.expr(),
            // A key not written: an expression key may be it.
            None if o.iter().any(|(k, _)| matches!(k, ObjectKey::Expression(_))) => {
                return Some((e, &rest[i..]));
            }
            None => return None,
        }
    }
    Some((e, &[]))
}

#[cfg(test)]
mod tests {
    use crate::terraform::tests::module;
    use crate::terraform::{RefMode, Scope};

    #[test]
    fn readings_through_functions_templates_locals_and_known_conditions() {
        let m = module(&[(
            "main.tf",
            r#"
locals {
  kube = {
    key  = azurerm_kubernetes_cluster.a.kube_config[0].client_key
    host = azurerm_kubernetes_cluster.a.kube_config.0.host
  }
  loop = local.loop
  on   = true
}
output "x" {
  value = [
    base64decode(local.kube.key),
    "${data.azurerm_kubernetes_cluster.d.kube_admin_config_raw}",
    local.on ? azurerm_kubernetes_cluster.a.kube_config_raw : azurerm_kubernetes_cluster.a.id,
    var.unknown ? azurerm_kubernetes_cluster.a.kube_admin_config_raw : null,
    local.loop,
    local.kube.missing,
    module.aks.kube_config_raw,
    [for c in azurerm_kubernetes_cluster.a.kube_config : c.client_key],
  ]
}
output "y" {
  value = local.kube
}
"#,
        )]);
        let scope = Scope::new(&m);
        let outputs = scope.outputs();
        let shown = |n: usize| -> Vec<String> {
            outputs[n]
                .readings("value")
                .unwrap()
                .iter()
                .map(|r| format!("{} {}", r.address(), r.path.join(".")))
                .collect()
        };
        assert_eq!(outputs[0].address, "output.x");
        assert_eq!(
            shown(0),
            [
                "azurerm_kubernetes_cluster.a kube_config.client_key",
                "data.azurerm_kubernetes_cluster.d kube_admin_config_raw",
                "azurerm_kubernetes_cluster.a kube_config_raw",
            ]
        );
        assert_eq!(shown(1).len(), 2);
        let r = &outputs[0].readings("value").unwrap()[1];
        assert_eq!(r.mode, RefMode::Data);
        assert!(outputs[0].readings("nope").is_none());
    }
}
