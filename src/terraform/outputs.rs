//! The outputs of local child modules, read by their caller: `module.aks.id` is the child's
//! `output "id"` evaluated in the instance the call makes (the child with the caller's
//! arguments), a reference it holds rebased onto the child (`azurerm_kubernetes_cluster.this.id`
//! → `module.aks.azurerm_kubernetes_cluster.this.id`), so that what reads it (a diagnostic
//! setting's target) points at that instance's resource and no other.
//!
//! A call with `count` or `for_each` is read with a known key (`module.aks["a"].id`, `module.aks[0]
//! .id`): the engine evaluates such a call as one instance, so every key reads it; without a key
//! (a list or map of instances), with an unknown key or instance count, zero instances, a remote
//! source, a call back into a module of the chain or past [`MAX_CALL_DEPTH`], it is unknown.
//! Each output a scope reads is evaluated once, in an instance made for it from the call's
//! variables (evaluated once per call) and let go after; a cycle (an argument or output that
//! reads itself through the call) is unknown. The child continues the caller's recursion depth,
//! and its steps count against the caller's evaluation.

use super::eval::{Cx, Env, Outcome, Scope, Slot};
use super::module::{Module, ModuleCall};
use super::resource::Count;
use super::value::{Evaluated, Lit, Origin, Value};
use crate::source::Span;
use hcl_edit::Decorated;
use hcl_edit::expr::TraversalOperator;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// How deep module calls are followed (the engine's walk and module outputs alike).
pub const MAX_CALL_DEPTH: usize = 16;

/// Values visited when a child's output is rebased onto the call (shared values can be much
/// larger than they look); past it the output is unknown.
const MAX_REBASE: u32 = 10_000;

/// The local modules a scope may call, and where it sits among them.
#[derive(Debug, Clone)]
pub struct Calls<'m> {
    /// Every parsed module the tree may be made of, by normalised directory.
    pub modules: &'m BTreeMap<PathBuf, Arc<Module>>,
    /// The module directories from the root to this instance (itself included).
    pub stack: Vec<PathBuf>,
}

impl<'m> Scope<'m> {
    /// This scope, able to read the outputs of the local modules it calls.
    pub fn calling(mut self, calls: Calls<'m>) -> Scope<'m> {
        self.calls = Some(calls);
        self
    }

    /// `module.<name>[key].<output>…` (the operators after `module`).
    pub(super) fn module_output(
        &self,
        ops: &[Decorated<TraversalOperator>],
        span: Span,
        cx: &Cx<'_>,
    ) -> Outcome {
        let unknown = Ok(cx.at(span, Value::Unknown));
        let name_at = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(n)) => Some(n.as_str()),
            _ => None,
        };
        let Some(name) = name_at(0) else {
            return unknown;
        };
        let Some(call) = self.module.calls.iter().find(|c| c.name == name) else {
            return unknown;
        };
        let body = &self.module.block(call.at).body;
        let mut next = 1;
        if body.get_attribute("count").is_some() || body.get_attribute("for_each").is_some() {
            let Some(TraversalOperator::Index(ix)) = ops.get(1).map(|o| o.value()) else {
                return unknown;
            };
            if self.ev(ix, cx)?.value.to_text().is_none() {
                return unknown;
            }
            next = 2;
        }
        let Some(output) = name_at(next) else {
            return unknown;
        };
        let key = (name.to_string(), output.to_string());
        let v = match self.outputs.borrow().get(&key) {
            Some(Slot::Done(v)) => Some(v.clone()),
            Some(Slot::Busy) => return unknown,
            None => None,
        };
        let v = match v {
            Some(v) => v,
            None => {
                self.outputs.borrow_mut().insert(key.clone(), Slot::Busy);
                let v = self.read_output(call, output, span, cx);
                self.outputs.borrow_mut().insert(key, Slot::Done(v.clone()));
                v
            }
        }?;
        self.apply(v, &ops[next + 1..], span, cx)
    }

    /// The instance the call `name` makes (the child with this scope's arguments), as
    /// [`Scope::module_output`] reads it; `None` when it is not followed (no such call, a remote
    /// source, no instance or an unknown count, a call back into the chain).
    pub fn instance(&self, name: &str) -> Option<Scope<'m>> {
        let call = self.module.calls.iter().find(|c| c.name == name)?;
        self.child(call)
    }

    /// Whether the call `name` has `count` or `for_each` (its outputs are read with a key).
    pub(super) fn keyed(&self, name: &str) -> bool {
        self.module.calls.iter().any(|c| {
            let body = &self.module.block(c.at).body;
            c.name == name
                && (body.get_attribute("count").is_some()
                    || body.get_attribute("for_each").is_some())
        })
    }

    /// Evaluates `output` of the instance `call` makes, rebased onto the call (see [`rebase`]).
    fn read_output(&self, call: &ModuleCall, output: &str, span: Span, cx: &Cx<'_>) -> Outcome {
        let unknown = Ok(cx.at(span, Value::Unknown));
        let Some(child) = self.child(call) else {
            return unknown;
        };
        let m = child.module;
        let Some(at) = m
            .outputs
            .iter()
            .find(|at| m.block(**at).labels[0].as_str() == output)
        else {
            return unknown;
        };
        let Some(value) = m.block(*at).body.get_attribute("value") else {
            return unknown;
        };
        let file = m.file(at.file).name.clone();
        let env = Env::default();
        let child_cx = Cx {
            file: &file,
            env: &env,
        };
        // The child continues the caller's recursion, and its steps are the caller's.
        child.depth.set(self.depth.get());
        child.budget.start();
        let v = child.ev(&value.value, &child_cx)?;
        if let Err(u) = self.spend(child.budget.spent() as usize, span, cx) {
            return Ok(u);
        }
        let at = Origin {
            file: cx.file.clone(),
            span,
        };
        let mut visits = MAX_REBASE;
        Ok(rebase(
            v,
            &format!("module.{}.", call.name),
            m,
            &at,
            &mut visits,
        ))
    }

    /// The instance `call` makes; `None` when it is not followed. Its variables are evaluated
    /// once; each output read makes the instance again from them.
    fn child(&self, call: &ModuleCall) -> Option<Scope<'m>> {
        let calls = self.calls.as_ref()?;
        let path = crate::discover::normalize(call.local_path.as_ref()?);
        let module = calls.modules.get(&path)?;
        if calls.stack.contains(&path) || calls.stack.len() >= MAX_CALL_DEPTH {
            return None;
        }
        let known = self.child_vars.borrow().get(&call.name).cloned();
        let vars = match known {
            Some(vars) => vars?,
            None => {
                // The call's own evaluations start budgets of their own: the current one
                // resumes after.
                let saved = self.budget.saved();
                let made = match call.instances(self) {
                    Count::Known(0) | Count::Unknown => None,
                    Count::Known(_) => {
                        Some(Scope::with_inputs(module, call.inputs(self)).vars().clone())
                    }
                };
                self.budget.resume(saved);
                self.child_vars
                    .borrow_mut()
                    .insert(call.name.clone(), made.clone());
                made?
            }
        };
        let mut stack = calls.stack.clone();
        stack.push(path);
        Some(Scope::with_vars(module, vars).calling(Calls {
            modules: calls.modules,
            stack,
        }))
    }
}

/// A child's value as its caller sees it: each reference written in the child (its origin in
/// one of the child's files) is prefixed with the call's `module.<name>.` and placed where the
/// caller reads it (`at`); references the caller passed in stay as they are.
fn rebase(v: Evaluated, prefix: &str, child: &Module, at: &Origin, visits: &mut u32) -> Evaluated {
    if *visits == 0 {
        return Evaluated {
            value: Value::Unknown,
            origin: at.clone(),
        };
    }
    *visits -= 1;
    let value = match &v.value {
        Value::Ref(r) if child.files.iter().any(|f| f.name == v.origin.file) => {
            let mut r = r.clone();
            r.module = format!("{prefix}{}", r.module).into();
            return Evaluated {
                value: Value::Ref(r),
                origin: at.clone(),
            };
        }
        Value::Known(Lit::List(l)) => {
            let items: Vec<Evaluated> = l
                .iter()
                .map(|e| rebase(e.clone(), prefix, child, at, visits))
                .collect();
            Value::Known(Lit::List(items.into()))
        }
        Value::Known(Lit::Object(o)) => {
            let entries: Vec<(Arc<str>, Evaluated)> = o
                .iter()
                .map(|(k, e)| (k.clone(), rebase(e.clone(), prefix, child, at, visits)))
                .collect();
            Value::Known(Lit::Object(entries.into()))
        }
        _ => return v,
    };
    if *visits == 0 {
        return Evaluated {
            value: Value::Unknown,
            origin: at.clone(),
        };
    }
    Evaluated {
        value,
        origin: v.origin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terraform::{SourceKind, TfLimits};
    use std::path::Path;

    fn module(dir: &str, text: &str) -> Module {
        let path = Path::new(dir).join("main.tf");
        let texts = vec![(path, SourceKind::Config, text.to_string())];
        Module::from_texts(Path::new(dir), texts, &TfLimits::default())
    }

    const CHILD: &str = r#"
variable "name" {}
variable "passed" { default = null }
resource "azurerm_kubernetes_cluster" "this" { name = var.name }
output "id" { value = azurerm_kubernetes_cluster.this.id }
output "name" { value = var.name }
output "passed" { value = var.passed }
output "all" { value = { id = azurerm_kubernetes_cluster.this.id, n = [var.name] } }
output "loop" { value = var.passed }
"#;

    const ROOT: &str = r#"
resource "azurerm_kubernetes_cluster" "this" { name = "root" }
module "aks" {
  source = "./modules/aks"
  name   = "a"
  passed = azurerm_kubernetes_cluster.this.id
}
module "many" {
  source   = "./modules/aks"
  for_each = { x = 1 }
  name     = each.key
}
module "unknown" {
  source   = "./modules/aks"
  for_each = var.set
  name     = "u"
}
module "cycle" {
  source = "./modules/aks"
  name   = "c"
  passed = module.cycle.loop
}
module "remote" {
  source  = "Azure/aks/azurerm"
  version = "9.0.0"
}
variable "set" {}
locals {
  id       = module.aks.id
  name     = module.aks.name
  passed   = module.aks.passed
  all_id   = module.aks.all.id
  all_n    = module.aks.all.n[0]
  many     = module.many["x"].id
  many_any = module.many.id
  unknown  = module.unknown["u"].id
  cycle    = module.cycle.loop
  remote   = module.remote.id
  missing  = module.aks.nothing
}
"#;

    fn shown(v: &Evaluated) -> String {
        match &v.value {
            Value::Ref(r) => format!("ref({r}) at {}", v.origin.file),
            Value::Known(Lit::String(s)) => format!("{s:?}"),
            Value::Unknown => "unknown".into(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn outputs_of_local_children_read_in_the_call_instance() {
        let root = module("root", ROOT);
        let child = module("root/modules/aks", CHILD);
        let mut modules = BTreeMap::new();
        modules.insert(PathBuf::from("root"), Arc::new(root));
        modules.insert(PathBuf::from("root/modules/aks"), Arc::new(child));
        let m = &modules[Path::new("root")];
        let calls = Calls {
            modules: &modules,
            stack: vec![PathBuf::from("root")],
        };
        let scope = Scope::new(m).calling(calls);
        let local = |n: &str| shown(&scope.local(n).unwrap());
        let root_file = "root/main.tf";
        let child_ref =
            format!("ref(module.aks.azurerm_kubernetes_cluster.this.id) at {root_file}");
        assert_eq!(local("id"), child_ref);
        assert_eq!(local("all_id"), child_ref);
        assert_eq!(local("name"), "\"a\"");
        assert_eq!(local("all_n"), "\"a\"");
        // Passed in by the caller: still the caller's own cluster.
        assert_eq!(
            local("passed"),
            format!("ref(azurerm_kubernetes_cluster.this.id) at {root_file}")
        );
        assert_eq!(
            local("many"),
            format!("ref(module.many.azurerm_kubernetes_cluster.this.id) at {root_file}")
        );
        for unknown in ["many_any", "unknown", "cycle", "remote", "missing"] {
            assert_eq!(local(unknown), "unknown", "{unknown}");
        }
        // Without the modules it may call, a scope reads no output.
        let alone = Scope::new(m);
        assert_eq!(shown(&alone.local("id").unwrap()), "unknown");
    }

    #[test]
    fn readings_follow_local_children_outputs() {
        let child = r#"
variable "name" {}
resource "azurerm_kubernetes_cluster" "this" { name = var.name }
locals { raw = azurerm_kubernetes_cluster.this.kube_config_raw }
output "raw" { value = local.raw }
output "block" { value = { kube = azurerm_kubernetes_cluster.this.kube_config } }
output "passed" { value = var.name }
"#;
        let root = r#"
module "aks" {
  source = "./modules/aks"
  name   = "a"
}
module "many" {
  source   = "./modules/aks"
  for_each = var.set
  name     = "m"
}
module "remote" {
  source = "Azure/aks/azurerm"
}
variable "set" {}
output "x" {
  value = [
    module.aks.raw,
    module.aks.block.kube[0].host,
    module.aks.block.kube[0].client_key,
    module.aks.passed,
    module.aks.nothing,
    module.many["k"].raw,
    module.remote.kube_config_raw,
  ]
}
"#;
        let mut modules = BTreeMap::new();
        modules.insert(PathBuf::from("root"), Arc::new(module("root", root)));
        let child = module("root/modules/aks", child);
        modules.insert(PathBuf::from("root/modules/aks"), Arc::new(child));
        let m = &modules[Path::new("root")];
        let calls = Calls {
            modules: &modules,
            stack: vec![PathBuf::from("root")],
        };
        let scope = Scope::new(m).calling(calls);
        let outputs = scope.outputs();
        let shown: Vec<String> = outputs[0]
            .readings("value")
            .unwrap()
            .iter()
            .map(|r| {
                let through = r.through.as_deref().unwrap_or("-");
                format!("{through}: {} {}", r.address(), r.path.join("."))
            })
            .collect();
        assert_eq!(
            shown,
            [
                "module.aks.raw: module.aks.azurerm_kubernetes_cluster.this kube_config_raw",
                "module.aks.block: module.aks.azurerm_kubernetes_cluster.this kube_config.host",
                "module.aks.block: module.aks.azurerm_kubernetes_cluster.this kube_config.client_key",
            ]
        );
        // The unknown `for_each` makes no instance; a remote source is not followed.
        assert!(scope.instance("many").is_none());
        assert!(scope.instance("remote").is_none());
        assert!(scope.instance("aks").is_some());
    }
}
