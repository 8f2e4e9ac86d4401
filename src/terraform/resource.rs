//! What rules read: resources, their attributes (evaluated in the module's scope) and nested
//! blocks, `dynamic` blocks included, with spans for findings.

use super::azapi::view::{ArmBlock, ArmNode, argument};
use super::azapi::{self, Arm, fields};
use super::eval::{Env, Scope};
use super::kind::AzureKind;
use super::module::{BlockAt, CALL_META, ModuleCall, header_span, span_of};
use super::plan::view::PlanNode;
use super::plan::{Plan, PlanResource};
use super::refs::Reading;
use super::value::{Evaluated, Lit, Origin, Value};
use crate::source::Span;
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body};
use std::collections::BTreeMap;
use std::sync::Arc;

/// How many instances a resource (or module call) has: `Known(1)` without `count`/`for_each`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Known(u64),
    /// `count`/`for_each` that cannot be evaluated: the resource (or call) may or may not exist.
    /// It is judged once, as a representative instance (`…["*"]` / `…[*]`, `each` and
    /// `count.index` unknown), but as a candidate for an absence rule its existence is unknown
    /// (rules.md, "Unknown presence").
    Unknown,
}

/// The address suffix of a representative instance: `["*"]` for an unknown `for_each`, `[*]` for
/// an unknown `count`; empty when the instances are known.
fn representative_suffix(count: Count, body: &Body) -> &'static str {
    match count {
        Count::Known(_) => "",
        Count::Unknown if body.get_attribute("count").is_some() => "[*]",
        Count::Unknown => "[\"*\"]",
    }
}

/// Whether a block is there: a static block is; a `dynamic` one is when its `for_each` is
/// non-empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    KnownEmpty,
    KnownNonEmpty,
    Unknown,
}

/// A nested block as far as its presence is known, over its static and `dynamic` spellings.
#[derive(Debug, Clone)]
pub enum Present<'a> {
    /// No block, or only `dynamic` ones whose `for_each` is known to be empty.
    Missing,
    /// No block that certainly exists, but one that may: a `dynamic` one whose `for_each` cannot
    /// be evaluated (or an azapi object whose `enabled` cannot be). It is no proof of absence, and
    /// its content is the representative instance's (rules.md, "Unknown presence"): what is
    /// written in it is judged as if it were there.
    Unknown(BlockView<'a>),
    /// The first block that certainly exists.
    Block(BlockView<'a>),
}

/// The presence of `blocks` of one name: the first that certainly exists, else the first that
/// may, else missing.
fn present<'a>(blocks: Vec<BlockView<'a>>) -> Present<'a> {
    let mut maybe = None;
    for b in blocks {
        match b.presence {
            Presence::KnownNonEmpty => return Present::Block(b),
            Presence::Unknown => {
                maybe.get_or_insert(b);
            }
            Presence::KnownEmpty => {}
        }
    }
    maybe.map_or(Present::Missing, Present::Unknown)
}

/// An attribute as written and evaluated.
#[derive(Debug, Clone)]
pub struct Attr {
    /// The file holding the attribute (its resource's file).
    pub file: Arc<str>,
    /// The name: where a finding about the attribute points.
    pub key_span: Span,
    /// The expression as written.
    pub value_span: Span,
    /// `name = value` as a whole.
    pub span: Span,
    pub value: Value,
    /// Where the value was finally written (a tfvars line, a variable default, the caller's
    /// argument…); equals `file`/`value_span` for a literal.
    pub origin: Origin,
    /// Read from an azapi body: the property as ARM spells it, with its value as written
    /// (`` `properties.disableLocalAccounts = false` ``), for messages. Its spans are then those of
    /// the value (see [`super::azapi`]).
    pub arm: Option<String>,
}

/// What a node reads: HCL as written, an azapi body through the azurerm names (see
/// [`super::azapi`]), or a Terraform plan's values (see [`super::plan`]).
#[derive(Clone)]
enum Src<'a> {
    Hcl(&'a Body),
    /// The body's view, and the resource's own arguments (for `@` paths).
    Arm(Box<ArmNode>, Args<'a>),
    Plan(Box<PlanNode>),
}

/// Where an azapi resource's own arguments (`name`, `parent_id`) are read.
#[derive(Clone)]
enum Args<'a> {
    Hcl(&'a Body),
    Plan(Box<PlanNode>),
}

/// A body in its scope: shared by resources and blocks.
#[derive(Clone)]
struct Node<'a> {
    scope: &'a Scope<'a>,
    src: Src<'a>,
    file: Arc<str>,
    env: Env,
}

impl<'a> Node<'a> {
    fn attr(&self, name: &str) -> Option<Attr> {
        match &self.src {
            Src::Hcl(body) => self.hcl_attr(body, name),
            Src::Arm(node, args) => {
                let field = node.field(name)?;
                match (argument(field), args) {
                    (Some(arg), Args::Hcl(body)) => self.hcl_attr(body, arg),
                    (Some(arg), Args::Plan(values)) => values.attr(arg),
                    (None, _) => node.attr(field),
                }
            }
            Src::Plan(values) => values.attr(name),
        }
    }

    fn hcl_attr(&self, body: &Body, name: &str) -> Option<Attr> {
        let a = body.get_attribute(name)?;
        let ev = self.scope.eval_in(&a.value, &self.file, &self.env);
        Some(Attr {
            file: self.file.clone(),
            key_span: span_of(&a.key),
            value_span: span_of(&a.value),
            span: span_of(a),
            value: ev.value,
            origin: ev.origin,
            arm: None,
        })
    }

    fn blocks(&self, name: &str) -> Vec<BlockView<'a>> {
        let body = match &self.src {
            Src::Hcl(body) => *body,
            Src::Arm(node, args) => {
                let Some(nested) = node.table.block(name) else {
                    return Vec::new();
                };
                return node
                    .blocks(nested)
                    .into_iter()
                    .map(|b| self.arm_block(b, args))
                    .collect();
            }
            Src::Plan(values) => {
                let name: Arc<str> = name.into();
                return values
                    .blocks(&name)
                    .into_iter()
                    .map(|b| BlockView {
                        name: name.clone(),
                        dynamic: false,
                        presence: b.presence,
                        header: b.header,
                        block_span: b.block_span,
                        node: Node {
                            src: Src::Plan(Box::new(b.node)),
                            ..self.clone()
                        },
                    })
                    .collect();
            }
        };
        let mut out = Vec::new();
        for b in body.blocks() {
            if b.ident.as_str() == name {
                out.push(BlockView {
                    name: name.into(),
                    dynamic: false,
                    presence: Presence::KnownNonEmpty,
                    header: header_span(b),
                    block_span: span_of(b),
                    node: Node {
                        src: Src::Hcl(&b.body),
                        ..self.clone()
                    },
                });
            } else if b.ident.as_str() == "dynamic"
                && b.labels.first().is_some_and(|l| l.as_str() == name)
            {
                out.push(self.dynamic(b, name));
            }
        }
        out
    }

    /// A block read from an azapi body.
    fn arm_block(&self, b: ArmBlock, args: &Args<'a>) -> BlockView<'a> {
        let span = b.at.span;
        BlockView {
            name: b.name,
            dynamic: false,
            presence: b.presence,
            header: span,
            block_span: span,
            node: Node {
                scope: self.scope,
                src: Src::Arm(Box::new(b.node), args.clone()),
                file: b.at.file,
                env: self.env.clone(),
            },
        }
    }

    fn dynamic(&self, b: &'a Block, name: &str) -> BlockView<'a> {
        let for_each = b
            .body
            .get_attribute("for_each")
            .map(|a| self.scope.eval_in(&a.value, &self.file, &self.env));
        let items = for_each.as_ref().and_then(|e| instances(&e.value));
        let presence = match &items {
            Some(v) if v.is_empty() => Presence::KnownEmpty,
            Some(_) => Presence::KnownNonEmpty,
            None => Presence::Unknown,
        };
        // The iterator is `name` unless `iterator = other` renames it.
        let iterator: Arc<str> = match b.body.get_attribute("iterator").map(|a| &a.value) {
            Some(Expression::Variable(v)) => v.as_str().into(),
            _ => name.into(),
        };
        let bound = single_instance(items.as_deref(), &self.file, span_of(b));
        let content = b.body.blocks().find(|c| c.ident.as_str() == "content");
        static EMPTY: std::sync::OnceLock<Body> = std::sync::OnceLock::new();
        let body = content.map_or_else(|| EMPTY.get_or_init(Body::new), |c| &c.body);
        BlockView {
            name: name.into(),
            dynamic: true,
            presence,
            header: header_span(b),
            block_span: span_of(b),
            node: Node {
                scope: self.scope,
                src: Src::Hcl(body),
                file: self.file.clone(),
                env: self.env.bind(iterator, bound),
            },
        }
    }
}

/// One `resource` (or `data`, or `output`) block of a module, in its scope.
#[derive(Clone)]
pub struct Resource<'a> {
    /// `azurerm_kubernetes_cluster` (`output` for an output block)
    pub kind: &'a str,
    /// `main`
    pub name: &'a str,
    /// `azurerm_kubernetes_cluster.main` (`data.…` for a data source, `output.…` for an output;
    /// without `module.` prefixes: the caller adds them).
    pub address: String,
    pub file: Arc<str>,
    /// Instances from `count` / `for_each`.
    pub instances: Count,
    /// The Azure kind it declares, in either spelling (an azurerm type, or an azapi `type`).
    pub azure: Option<AzureKind>,
    /// An azapi resource of a kind akslint judges: its type and body. Its attributes and blocks
    /// then read the body through the azurerm names (see [`super::azapi`]).
    pub arm: Option<Arc<Arm>>,
    /// The spans of the two labels (type, name); an output's one label twice.
    pub label_spans: [Span; 2],
    header: Span,
    block_span: Span,
    block: &'a Block,
    node: Node<'a>,
}

impl<'a> Resource<'a> {
    /// The attribute `name`, evaluated; `None` when it is not written.
    pub fn attr(&self, name: &str) -> Option<Attr> {
        self.node.attr(name)
    }

    /// Whether it declares a resource of its own (every resource but an `azapi_update_resource`,
    /// which patches one declared elsewhere: its settings are judged, but it is no cluster that
    /// diagnostic settings, Defender plans or manifests could name).
    pub fn declares(&self) -> bool {
        self.kind != super::azapi::UPDATE
    }

    /// An argument of the block as written (`type`, `parent_id`, `name` of an azapi resource),
    /// whatever view [`Resource::attr`] gives.
    pub fn argument(&self, name: &str) -> Option<Attr> {
        match &self.node.src {
            Src::Plan(values) | Src::Arm(_, Args::Plan(values)) => values.attr(name),
            _ => self.node.hcl_attr(&self.block.body, name),
        }
    }

    /// Nested blocks named `name`, static and `dynamic "name"`, in written order.
    pub fn blocks(&self, name: &str) -> Vec<BlockView<'a>> {
        self.node.blocks(name)
    }

    /// Whether a nested block named `name` is there (see [`Present`]).
    pub fn present(&self, name: &str) -> Present<'a> {
        present(self.blocks(name))
    }

    /// The header (`resource "type" "name"`): where "missing" findings point.
    pub fn span(&self) -> Span {
        self.header
    }

    /// The whole block, header through closing brace.
    pub fn block_span(&self) -> Span {
        self.block_span
    }

    /// The raw block, for what the views do not cover.
    pub fn raw(&self) -> &'a Block {
        self.block
    }

    /// Whether the resource certainly exists (at least one instance, in an instance of its
    /// module that certainly exists).
    pub fn exists(&self) -> Option<bool> {
        match self.instances {
            Count::Known(0) => Some(false),
            Count::Known(_) if self.node.scope.is_representative() => None,
            Count::Known(_) => Some(true),
            Count::Unknown => None,
        }
    }

    /// The address findings name: [`Resource::address`], with `["*"]` (`[*]`) when it stands
    /// for instances its `for_each` (`count`) cannot tell.
    pub fn shown_address(&self) -> String {
        let suffix = representative_suffix(self.instances, &self.block.body);
        format!("{}{suffix}", self.address)
    }

    pub fn scope(&self) -> &'a Scope<'a> {
        self.node.scope
    }

    /// What the attribute `name` reads of other resources, as written (see [`Reading`]);
    /// `None` when it is not written.
    pub fn readings(&self, name: &str) -> Option<Vec<Reading>> {
        let a = self.block.body.get_attribute(name)?;
        Some(
            self.node
                .scope
                .readings(&a.value, &self.file, &self.node.env),
        )
    }
}

impl std::fmt::Debug for Resource<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resource")
            .field("address", &self.address)
            .field("file", &self.file)
            .field("instances", &self.instances)
            .finish_non_exhaustive()
    }
}

/// A nested block (`network_profile { … }`), or the `content` of a `dynamic "name"` block.
#[derive(Clone)]
pub struct BlockView<'a> {
    pub name: Arc<str>,
    pub dynamic: bool,
    /// Static blocks are `KnownNonEmpty`; dynamic ones follow their `for_each`.
    pub presence: Presence,
    header: Span,
    block_span: Span,
    node: Node<'a>,
}

impl<'a> BlockView<'a> {
    pub fn attr(&self, name: &str) -> Option<Attr> {
        self.node.attr(name)
    }

    pub fn blocks(&self, name: &str) -> Vec<BlockView<'a>> {
        self.node.blocks(name)
    }

    /// Whether a nested block named `name` is there (see [`Present`]).
    pub fn present(&self, name: &str) -> Present<'a> {
        present(self.blocks(name))
    }

    /// The header (`network_profile` or `dynamic "network_profile"`).
    pub fn span(&self) -> Span {
        self.header
    }

    pub fn block_span(&self) -> Span {
        self.block_span
    }

    pub fn file(&self) -> &Arc<str> {
        &self.node.file
    }
}

impl std::fmt::Debug for BlockView<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockView")
            .field("name", &self.name)
            .field("dynamic", &self.dynamic)
            .field("presence", &self.presence)
            .finish_non_exhaustive()
    }
}

impl<'m> Scope<'m> {
    /// The module's `resource` blocks, in file and written order.
    pub fn resources(&self) -> Vec<Resource<'_>> {
        let m = self.module();
        m.resources
            .iter()
            .map(|at| self.resource(*at, false))
            .collect()
    }

    /// The module's resources of one type.
    pub fn resources_of(&self, kind: &str) -> Vec<Resource<'_>> {
        let m = self.module();
        m.resources
            .iter()
            .filter(|at| m.block(**at).labels[0].as_str() == kind)
            .map(|at| self.resource(*at, false))
            .collect()
    }

    /// The module's `output` blocks (kind `output`, address `output.name`).
    pub fn outputs(&self) -> Vec<Resource<'_>> {
        let m = self.module();
        m.outputs
            .iter()
            .map(|at| {
                let b = m.block(*at);
                let file = m.file(at.file).name.clone();
                let name = b.labels[0].as_str();
                let label = span_of(&b.labels[0]);
                Resource {
                    kind: "output",
                    name,
                    address: format!("output.{name}"),
                    file: file.clone(),
                    instances: Count::Known(1),
                    azure: None,
                    arm: None,
                    label_spans: [label, label],
                    header: header_span(b),
                    block_span: span_of(b),
                    block: b,
                    node: Node {
                        scope: self,
                        src: Src::Hcl(&b.body),
                        file,
                        env: Env::default(),
                    },
                }
            })
            .collect()
    }

    /// The module's `data` blocks.
    pub fn data_sources(&self) -> Vec<Resource<'_>> {
        let m = self.module();
        m.data.iter().map(|at| self.resource(*at, true)).collect()
    }

    fn resource(&self, at: BlockAt, data: bool) -> Resource<'_> {
        let m = self.module();
        let b = m.block(at);
        let file = m.file(at.file).name.clone();
        let (kind, name) = (b.labels[0].as_str(), b.labels[1].as_str());
        let (instances, env) = meta_instances(self, &b.body, &file, span_of(b), &Env::default());
        let header = header_span(b);
        let arm = if data {
            None
        } else {
            azapi::read(self, kind, &b.body, &file, &env, header).map(Arc::new)
        };
        let azure = match &arm {
            Some(a) => Some(a.kind),
            None if data => None,
            None => AzureKind::of_type(kind),
        };
        let src = match arm.as_ref().and_then(|a| Some((a, fields::table(a.kind)?))) {
            Some((a, table)) => {
                let anchor = Origin {
                    file: file.clone(),
                    span: header,
                };
                Src::Arm(
                    Box::new(ArmNode::root(a.clone(), table, anchor)),
                    Args::Hcl(&b.body),
                )
            }
            None => Src::Hcl(&b.body),
        };
        Resource {
            kind,
            name,
            address: if data {
                format!("data.{kind}.{name}")
            } else {
                format!("{kind}.{name}")
            },
            file: file.clone(),
            instances,
            azure,
            arm,
            label_spans: [span_of(&b.labels[0]), span_of(&b.labels[1])],
            header,
            block_span: span_of(b),
            block: b,
            node: Node {
                scope: self,
                src,
                file,
                env,
            },
        }
    }
}

impl<'a> Resource<'a> {
    /// A resource of a Terraform plan (see [`super::plan`]), read through `scope` (the plan's
    /// module of one file): its attributes and blocks are its planned values, its header the
    /// `"address"` of its entry. It is one instance, certainly planned.
    pub fn from_plan(scope: &'a Scope<'a>, plan: &'a Plan, r: &'a PlanResource) -> Resource<'a> {
        static EMPTY: std::sync::OnceLock<Block> = std::sync::OnceLock::new();
        let block = EMPTY.get_or_init(|| Block::new(hcl_edit::Ident::new("resource")));
        let anchor = Origin {
            file: plan.name.clone(),
            span: r.header,
        };
        let values = Box::new(PlanNode {
            value: r.values.clone(),
            text: plan.text.clone(),
            anchor: anchor.clone(),
        });
        let src = match r
            .arm
            .as_ref()
            .and_then(|a| Some((a, fields::table(a.kind)?)))
        {
            Some((a, table)) => Src::Arm(
                Box::new(ArmNode::root(a.clone(), table, anchor)),
                Args::Plan(values),
            ),
            None => Src::Plan(values),
        };
        Resource {
            kind: &r.kind,
            name: &r.name,
            address: r.local.clone(),
            file: plan.name.clone(),
            instances: Count::Known(1),
            azure: Some(r.azure),
            arm: r.arm.clone(),
            label_spans: [r.header, r.header],
            header: r.header,
            block_span: r.span,
            block,
            node: Node {
                scope,
                src,
                file: plan.name.clone(),
                env: Env::default(),
            },
        }
    }
}

impl ModuleCall {
    /// The child's input values: every argument but the meta-arguments, evaluated in the
    /// caller's scope (`count.index`/`each` bound as for a resource).
    pub fn inputs(&self, caller: &Scope<'_>) -> BTreeMap<String, Evaluated> {
        let b = caller.module().block(self.at);
        let (_, env) = meta_instances(caller, &b.body, &self.file, self.span, &Env::default());
        b.body
            .attributes()
            .filter(|a| !CALL_META.contains(&a.key.as_str()))
            .map(|a| {
                (
                    a.key.as_str().to_string(),
                    caller.eval_in(&a.value, &self.file, &env),
                )
            })
            .collect()
    }

    /// Instances of the call (`count`/`for_each`), evaluated in the caller's scope.
    pub fn instances(&self, caller: &Scope<'_>) -> Count {
        let b = caller.module().block(self.at);
        meta_instances(caller, &b.body, &self.file, self.span, &Env::default()).0
    }

    /// The address prefix of the instance the call makes from the caller's instance at
    /// `prefix`: `module.aks.`, or `module.aks["*"].` (`[*]`) for the representative of
    /// instances its `for_each` (`count`) cannot tell; with the count. `None` when it makes none.
    pub fn instance_prefix(&self, caller: &Scope<'_>, prefix: &str) -> Option<(String, Count)> {
        let count = self.instances(caller);
        if count == Count::Known(0) {
            return None;
        }
        let b = caller.module().block(self.at);
        let suffix = representative_suffix(count, &b.body);
        Some((format!("{prefix}module.{}{suffix}.", self.name), count))
    }
}

/// `count` / `for_each` of a resource or module call: how many instances, and `count`/`each`
/// bound to the one instance when there is exactly one known (else to unknown).
fn meta_instances(
    scope: &Scope<'_>,
    body: &Body,
    file: &Arc<str>,
    span: Span,
    outer: &Env,
) -> (Count, Env) {
    let unknown = Evaluated {
        value: Value::Unknown,
        origin: Origin {
            file: file.clone(),
            span,
        },
    };
    if let Some(c) = body.get_attribute("count") {
        let v = scope.eval_in(&c.value, file, outer);
        let n = v
            .value
            .as_number()
            .filter(|n| *n >= 0.0 && n.fract() == 0.0);
        let count = n.map_or(Count::Unknown, |n| Count::Known(n as u64));
        let bound = if n == Some(1.0) {
            let zero = Evaluated {
                value: Value::Known(Lit::Number(0.0)),
                origin: v.origin.clone(),
            };
            object(vec![("index".into(), zero)], &v.origin)
        } else {
            unknown.clone()
        };
        return (count, outer.bind("count", bound).bind("each", unknown));
    }
    if let Some(f) = body.get_attribute("for_each") {
        let v = scope.eval_in(&f.value, file, outer);
        let items = instances(&v.value);
        let count = items
            .as_ref()
            .map_or(Count::Unknown, |i| Count::Known(i.len() as u64));
        let bound = single_instance(items.as_deref(), file, span);
        return (count, outer.bind("each", bound).bind("count", unknown));
    }
    (
        Count::Known(1),
        outer.bind("count", unknown.clone()).bind("each", unknown),
    )
}

/// The (key, value) pairs a `for_each` iterates: a map's entries, a set's (list's) elements as
/// both key and value. `None` when unknown (or null, which Terraform rejects), and for a map with
/// an entry whose whole value is unknown: a `for` whose condition cannot be known keeps its
/// entries that way (see `for_expr`), and they may not be there.
fn instances(v: &Value) -> Option<Vec<(Evaluated, Evaluated)>> {
    match v {
        Value::Known(Lit::List(l)) => Some(l.iter().map(|e| (e.clone(), e.clone())).collect()),
        Value::Known(Lit::Object(o)) if o.iter().any(|(_, e)| e.value.is_unknown()) => None,
        Value::Known(Lit::Object(o)) => {
            let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
            let mut out = Vec::new();
            for (k, val) in o.iter().rev() {
                if !seen.insert(k) {
                    continue;
                }
                let key = Evaluated {
                    value: Value::string(k.clone()),
                    origin: val.origin.clone(),
                };
                out.push((key, val.clone()));
            }
            out.reverse();
            Some(out)
        }
        _ => None,
    }
}

/// `{key, value}` of the only instance, else unknown.
fn single_instance(
    items: Option<&[(Evaluated, Evaluated)]>,
    file: &Arc<str>,
    span: Span,
) -> Evaluated {
    let origin = Origin {
        file: file.clone(),
        span,
    };
    match items {
        Some([(k, v)]) => object(
            vec![("key".into(), k.clone()), ("value".into(), v.clone())],
            &origin,
        ),
        _ => Evaluated {
            value: Value::Unknown,
            origin,
        },
    }
}

fn object(entries: Vec<(Arc<str>, Evaluated)>, origin: &Origin) -> Evaluated {
    Evaluated {
        value: Value::Known(Lit::Object(entries.into())),
        origin: origin.clone(),
    }
}
