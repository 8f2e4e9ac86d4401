//! How a setting is shown in a message: `name = value` with its evaluated value ([`shown`]), or
//! as it was written, with the value it has when that differs ([`shown_written`]). A setting
//! read from an azapi body is shown as ARM spells it (`properties.disableLocalAccounts = false`).

use crate::terraform::{Attr, Lit, Resource, Value};

/// `name = value` as the user would write it (`admin_enabled = true`, `default_action =
/// "Allow"`, `purge_protection_enabled = null`).
pub fn shown(name: &str, attr: &Attr) -> String {
    if let Some(arm) = &attr.arm {
        return arm.clone();
    }
    let v = match &attr.value {
        Value::Known(Lit::String(s)) => format!("\"{s}\""),
        Value::Known(Lit::List(_)) => "[…]".to_string(),
        Value::Known(Lit::Object(_)) => "{…}".to_string(),
        Value::Absent => "null".to_string(),
        v => v
            .to_text()
            .map_or_else(|| "…".to_string(), |t| t.to_string()),
    };
    format!("`{name} = {v}`")
}

/// `name = value` for a message, as written (`sku_tier = "Free"`); when the value was written
/// elsewhere (a variable, a local), with the value it has (`sku_tier = var.tier`, which is
/// "Free"). Long or multi-line expressions are left out.
pub fn shown_written(res: &Resource<'_>, a: &Attr, name: &str) -> String {
    if let Some(arm) = &a.arm {
        return arm.clone();
    }
    let text = res
        .scope()
        .module()
        .files
        .iter()
        .find(|f| f.name == a.file)
        .and_then(|f| {
            f.text
                .get(a.value_span.start as usize..a.value_span.end as usize)
        })
        .map(str::trim)
        .filter(|t| t.len() <= 60 && !t.contains('\n'));
    let value = match &a.value {
        Value::Known(Lit::Bool(b)) => Some(b.to_string()),
        Value::Known(Lit::String(s)) if s.len() <= 60 => Some(format!("{s:?}")),
        Value::Absent => Some("null".into()),
        _ => None,
    };
    match (text, value) {
        (Some(t), Some(v)) if t == v => format!("`{name} = {t}`"),
        (Some(t), Some(v)) => format!("`{name} = {t}`, which is {v}"),
        (Some(t), None) => format!("`{name} = {t}`"),
        (None, Some(v)) => format!("`{name}`, which is {v}"),
        (None, None) => format!("`{name}`"),
    }
}
