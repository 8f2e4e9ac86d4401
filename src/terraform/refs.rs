//! What an expression reads of other resources, as written: `azurerm_kubernetes_cluster.main
//! .kube_config[0].client_key` anywhere in it (inside function calls, templates, lists and
//! objects), for rules about where a resource's attribute flows (AKS107: a kubeconfig in an
//! output or a local file) rather than what it evaluates to (its content is not known before
//! apply, and a function such as `base64decode` would make the evaluated value unknown).
//!
//! Followed: `local.x` (and `local.x.key` into an object literal's entry), and the branch of a
//! conditional whose condition is known. Not followed, so what they read is not found: input
//! variables (a reference passed in by a caller), module outputs (`module.aks.kube_config_raw`:
//! the evaluator reads a local child's outputs, this walk does not yet follow them into the
//! child), `for` expressions and template directives,
//! and both branches of a conditional whose condition is unknown (the value may or may not read
//! them: unknown never fires).

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
    /// Where the reference is written (a local's file when it came through one).
    pub file: Arc<str>,
    pub span: Span,
}

impl Reading {
    /// `azurerm_kubernetes_cluster.main` or `data.azurerm_kubernetes_cluster.main`.
    pub fn address(&self) -> String {
        match self.mode {
            RefMode::Managed => format!("{}.{}", self.kind, self.name),
            RefMode::Data => format!("data.{}.{}", self.kind, self.name),
        }
    }
}

struct Walk<'s, 'm> {
    scope: &'s Scope<'m>,
    /// Locals being followed (a cycle reads nothing more).
    locals: Vec<String>,
    depth: u32,
    out: Vec<Reading>,
}

impl Scope<'_> {
    /// The references `expr` (written in `file`, with `env` bound) reads, in written order.
    pub fn readings(&self, expr: &Expression, file: &Arc<str>, env: &Env) -> Vec<Reading> {
        let mut w = Walk {
            scope: self,
            locals: Vec::new(),
            depth: 0,
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
            "var" | "module" | "path" | "terraform" | "self" | "count" | "each" => return,
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
            .take(2)
            .collect();
        self.out.push(Reading {
            mode,
            kind: kind.into(),
            name: name.into(),
            path,
            file: file.clone(),
            span: span_of(t),
        });
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
        let mut e = &m.attr(at).value;
        for op in rest {
            let (TraversalOperator::GetAttr(key), Expression::Object(o)) = (op, e) else {
                break;
            };
            let entry = o.iter().filter(|(k, _)| match k {
                ObjectKey::Ident(i) => i.as_str() == key.as_str(),
                ObjectKey::Expression(Expression::Variable(i)) => i.as_str() == key.as_str(),
                ObjectKey::Expression(Expression::String(s)) => s.value().as_str() == key.as_str(),
                ObjectKey::Expression(_) => false,
            });
            // The last one written wins.
            let entry = entry.last();
            match entry {
                Some((_, v)) => e = v.expr(),
                // A key not written: an expression key may be it.
                None if o.iter().any(|(k, _)| matches!(k, ObjectKey::Expression(_))) => break,
                None => {
                    self.locals.pop();
                    return;
                }
            }
        }
        self.expr(e, &file, &Env::default());
        self.locals.pop();
    }
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
