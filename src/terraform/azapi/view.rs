//! The azurerm view of an ARM body (see the module doc of [`super`]): an attribute or block the
//! rules ask for by its azurerm name, read from the property the [`super::fields`] table names.

use super::fields::{Field, Map, Nested, Table, When};
use super::{Arm, Found, lookup};
use crate::terraform::resource::{Attr, Presence};
use crate::terraform::value::{Evaluated, Lit, Origin, Value};
use std::sync::Arc;

/// An object of an ARM body read as an azurerm resource or block.
#[derive(Debug, Clone)]
pub(crate) struct ArmNode {
    /// The object (the body, or a nested one); unknown when it cannot be known.
    pub value: Evaluated,
    /// Its place in the body as ARM names it (`properties.agentPoolProfiles[0]`), empty for the
    /// body.
    pub path: String,
    pub table: &'static Table,
    pub arm: Arc<Arm>,
    /// The resource header: where what is not written points.
    pub anchor: Origin,
}

/// A block found in a body: its ARM name, presence, where it is written and its view.
pub(crate) struct ArmBlock {
    pub name: Arc<str>,
    pub presence: Presence,
    pub at: Origin,
    pub node: ArmNode,
}

impl ArmNode {
    /// The body of `arm` viewed through `table`.
    pub fn root(arm: Arc<Arm>, table: &'static Table, anchor: Origin) -> ArmNode {
        ArmNode {
            value: arm.body.clone(),
            path: String::new(),
            table,
            arm,
            anchor,
        }
    }

    /// The field the table maps `name` to.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.table.field(name)
    }

    fn full(&self, path: &str) -> String {
        if self.path.is_empty() {
            path.to_string()
        } else {
            format!("{}.{path}", self.path)
        }
    }

    /// A value nothing was written for, or that cannot be known, at the resource header.
    fn virtual_attr(&self, value: Value, shown: String) -> Attr {
        let o = &self.anchor;
        Attr {
            file: o.file.clone(),
            key_span: o.span,
            value_span: o.span,
            span: o.span,
            value,
            origin: o.clone(),
            arm: Some(shown),
        }
    }

    /// The attribute `field` (one of this node's table), as the rules read it.
    pub fn attr(&self, field: &Field) -> Option<Attr> {
        let full = self.full(field.path);
        match lookup(&self.value, field.path) {
            Found::Unknown => Some(self.virtual_attr(Value::Unknown, format!("`{full}`"))),
            Found::Missing if self.arm.partial => {
                Some(self.virtual_attr(Value::Unknown, format!("`{full}`")))
            }
            Found::Missing => self.default(field, &full, &self.anchor, "is not set"),
            // Null is dropped from the request (`ignore_null_property`) or sent as null: ARM's
            // default applies where it differs from azurerm's.
            Found::Value(ev)
                if ev.value.is_absent() && field.default_since.is_some() && self.arm.partial =>
            {
                Some(self.virtual_attr(Value::Unknown, format!("`{full}`")))
            }
            Found::Value(ev) if ev.value.is_absent() && field.default_since.is_some() => self
                .default(field, &full, &ev.origin, "is null")
                .or_else(|| Some(written(field, &full, ev))),
            Found::Value(ev) => Some(written(field, &full, ev)),
        }
    }

    /// An absent property whose ARM default the rules must see (see [`Field::default_since`]),
    /// pointing at `at`; `None` when it is the azurerm default (not written).
    fn default(&self, field: &Field, full: &str, at: &Origin, how: &str) -> Option<Attr> {
        let (since, value) = field.default_since?;
        let newer = self.arm.versions.iter().filter(|v| &***v >= since).count();
        let mut attr = if newer == self.arm.versions.len() {
            let shown = if since.is_empty() {
                format!("`{full}` {how}, which AKS takes as {value}")
            } else {
                format!("`{full}` {how}, which is {value} from API {since}")
            };
            self.virtual_attr(Value::Known(Lit::Bool(value)), shown)
        } else if newer > 0 {
            self.virtual_attr(Value::Unknown, format!("`{full}`"))
        } else {
            return None;
        };
        attr.file = at.file.clone();
        (attr.key_span, attr.value_span, attr.span) = (at.span, at.span, at.span);
        attr.origin = at.clone();
        Some(attr)
    }

    /// The blocks `nested` (one of this node's table) stands for.
    pub fn blocks(&self, nested: &Nested) -> Vec<ArmBlock> {
        let mut out = self.blocks_at(nested.path, nested);
        for alt in nested.also {
            if !out.is_empty() {
                break;
            }
            out = self.blocks_at(alt, nested);
        }
        out
    }

    /// The blocks the object at `path` stands for.
    fn blocks_at(&self, path: &str, nested: &Nested) -> Vec<ArmBlock> {
        let full = self.full(path);
        let found = match lookup(&self.value, path) {
            Found::Missing if self.arm.partial => Found::Unknown,
            f => f,
        };
        let ev = match found {
            Found::Missing => return Vec::new(),
            Found::Unknown => return vec![self.unknown_block(&full, nested.table)],
            Found::Value(ev) => ev,
        };
        match (&ev.value, nested.when) {
            (Value::Absent, _) => Vec::new(),
            (Value::Unknown | Value::Ref(_), _) => vec![self.unknown_block(&full, nested.table)],
            (Value::Known(Lit::List(items)), When::Each) => items
                .iter()
                .enumerate()
                .filter_map(|(i, e)| match &e.value {
                    Value::Absent => None,
                    Value::Known(Lit::Object(_)) => {
                        let path = format!("{full}[{i}]");
                        Some(self.block(path, Presence::KnownNonEmpty, e, nested.table))
                    }
                    Value::Known(_) => None,
                    _ => Some(self.unknown_block(&full, nested.table)),
                })
                .collect(),
            (Value::Known(Lit::Object(_)), When::Object) => {
                vec![self.block(full, Presence::KnownNonEmpty, &ev, nested.table)]
            }
            (Value::Known(Lit::Object(_)), When::Enabled | When::NotMsi) => {
                match self.condition(&ev, nested.when) {
                    Some(false) => Vec::new(),
                    Some(true) => {
                        vec![self.block(full, Presence::KnownNonEmpty, &ev, nested.table)]
                    }
                    None => vec![self.block(full, Presence::Unknown, &ev, nested.table)],
                }
            }
            (Value::Known(_), _) => Vec::new(),
        }
    }

    /// Whether an object that may stand for a block does: `enabled` true, or a `clientId`
    /// other than `msi`; `None` when it cannot be known.
    fn condition(&self, ev: &Evaluated, when: When) -> Option<bool> {
        let key = if when == When::Enabled {
            "enabled"
        } else {
            "clientId"
        };
        match lookup(ev, key) {
            Found::Missing if self.arm.partial && when == When::Enabled => None,
            Found::Missing => Some(false),
            Found::Unknown => None,
            Found::Value(v) => match (&v.value, when) {
                (Value::Absent, _) => Some(false),
                (value, When::Enabled) => as_bool(value),
                (Value::Known(Lit::String(s)), _) => Some(!s.eq_ignore_ascii_case("msi")),
                (Value::Known(_), _) => Some(false),
                _ => None,
            },
        }
    }

    fn block(
        &self,
        path: String,
        presence: Presence,
        ev: &Evaluated,
        t: &'static Table,
    ) -> ArmBlock {
        ArmBlock {
            name: path.as_str().into(),
            presence,
            at: ev.origin.clone(),
            node: ArmNode {
                value: ev.clone(),
                path,
                table: t,
                arm: self.arm.clone(),
                anchor: ev.origin.clone(),
            },
        }
    }

    fn unknown_block(&self, path: &str, t: &'static Table) -> ArmBlock {
        let unknown = Evaluated {
            value: Value::Unknown,
            origin: self.anchor.clone(),
        };
        let mut b = self.block(path.to_string(), Presence::Unknown, &unknown, t);
        b.at = self.anchor.clone();
        b
    }
}

/// The attribute `field` (at `full` in the body) as written.
fn written(field: &Field, full: &str, ev: Evaluated) -> Attr {
    let o = ev.origin.clone();
    Attr {
        file: o.file.clone(),
        key_span: o.span,
        value_span: o.span,
        span: o.span,
        value: map(field.map, &ev.value),
        arm: Some(format!("`{full} = {}`", text(&ev.value))),
        origin: o,
    }
}

/// A boolean as ARM takes it: `true`, or the string `"true"` in any case (add-on `config` maps
/// hold strings).
fn as_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Known(Lit::Bool(b)) => Some(*b),
        Value::Known(Lit::String(s)) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::Known(Lit::String(s)) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// A property's value as the attribute's.
fn map(map: Map, v: &Value) -> Value {
    match (map, v) {
        (_, Value::Absent | Value::Unknown | Value::Ref(_)) => v.clone(),
        (Map::Same, Value::Known(Lit::String(_))) => match as_bool(v) {
            // `"True"` in an add-on config is a boolean to ARM.
            Some(b) => Value::Known(Lit::Bool(b)),
            None => v.clone(),
        },
        (Map::Same, _) => v.clone(),
        (Map::Invert, _) => match as_bool(v) {
            Some(b) => Value::Known(Lit::Bool(!b)),
            None => Value::Unknown,
        },
        (Map::Enabled, Value::Known(Lit::String(s))) if s.eq_ignore_ascii_case("enabled") => {
            Value::Known(Lit::Bool(true))
        }
        (Map::Enabled, Value::Known(Lit::String(s))) if s.eq_ignore_ascii_case("disabled") => {
            Value::Known(Lit::Bool(false))
        }
        (Map::Enabled, _) => Value::Unknown,
    }
}

/// A value as a message shows it after the ARM name.
fn text(v: &Value) -> String {
    match v {
        Value::Known(Lit::String(s)) if s.chars().count() <= 80 => format!("\"{s}\""),
        Value::Known(Lit::String(_)) => "\"…\"".to_string(),
        Value::Known(Lit::List(l)) => {
            let items: Vec<String> = l.iter().take(4).map(|e| text(&e.value)).collect();
            let more = if l.len() > 4 { ", …" } else { "" };
            format!("[{}{more}]", items.join(", "))
        }
        Value::Known(Lit::Object(_)) => "{…}".to_string(),
        Value::Absent => "null".to_string(),
        v => v
            .to_text()
            .map_or_else(|| "…".to_string(), |t| t.to_string()),
    }
}

/// Where an attribute read through `@name` (an argument of the azapi resource) is: the caller
/// reads it from the block itself.
pub(crate) fn argument(field: &Field) -> Option<&'static str> {
    field.path.strip_prefix('@')
}
