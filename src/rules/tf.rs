//! One Terraform setting as the Terraform rules read it:
//! not written, written as null, known, or unknown — and how to report it.
//!
//! Unknown (a variable without value, a function we do not evaluate, another resource's
//! attribute) never produces a finding; null and "not written" both mean the provider default.

use crate::diagnostic::Finding;
use crate::rules::TfCtx;
use crate::terraform::{Attr, Lit, Resource, Value};

/// A written-or-not attribute, three-valued.
pub(crate) enum Setting {
    /// Not written: the provider default applies.
    NotWritten,
    /// Written, evaluating to `null`: the provider default applies; findings point at it.
    Null(Attr),
    /// Written with a known value (any type: callers check the one they expect).
    Known(Attr),
    /// Cannot be known offline.
    Unknown,
}

impl Setting {
    pub fn of(attr: Option<Attr>) -> Setting {
        match attr {
            None => Setting::NotWritten,
            Some(a) => match &a.value {
                Value::Absent => Setting::Null(a),
                Value::Known(_) => Setting::Known(a),
                Value::Ref(_) | Value::Unknown => Setting::Unknown,
            },
        }
    }

    /// The boolean this setting gives, with the provider default `default` for null and not
    /// written; `None` when unknown or not a boolean (a value the provider would reject).
    pub fn bool_or(&self, default: bool) -> Option<bool> {
        match self {
            Setting::NotWritten | Setting::Null(_) => Some(default),
            Setting::Known(a) => a.value.as_bool(),
            Setting::Unknown => None,
        }
    }

    /// The attribute, when written.
    pub fn attr(&self) -> Option<&Attr> {
        match self {
            Setting::Null(a) | Setting::Known(a) => Some(a),
            Setting::NotWritten | Setting::Unknown => None,
        }
    }
}

/// `name = value` as the user would write it (`admin_enabled = true`, `default_action =
/// "Allow"`, `purge_protection_enabled = null`).
pub(crate) fn shown(name: &str, attr: &Attr) -> String {
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

/// Where the value came from, when not from the attribute itself: ` (from terraform.tfvars)`
/// for another file; a same-file origin (a variable default, a local) becomes a related
/// location instead (see [`report_attr`]).
fn from_note(attr: &Attr) -> String {
    if attr.origin.file != attr.file {
        format!(" (value from {})", attr.origin.file)
    } else {
        String::new()
    }
}

/// Reports a finding on a written attribute (its whole `name = value`), naming where the value
/// came from when it was not written there.
pub(crate) fn report_attr<'f>(
    cx: &'f mut TfCtx<'_>,
    attr: &Attr,
    message: String,
    help: &str,
) -> &'f mut Finding {
    let message = format!("{message}{}", from_note(attr));
    let f = cx.report(&attr.file, attr.span, message, help);
    let o = attr.origin.span;
    let inside = attr.span.start <= o.start && o.end <= attr.span.end;
    if attr.origin.file == attr.file && !inside {
        f.related
            .push((attr.origin.span, "the value is set here".to_string()));
    }
    f
}

/// Whether rules may judge this resource: a managed resource (not a data source) that certainly
/// exists (`count`/`for_each` known and non-zero).
pub(crate) fn judged(res: &Resource<'_>, kind: &str) -> bool {
    res.kind == kind && !res.address.starts_with("data.") && res.exists() == Some(true)
}

/// What a resource's firewall (Key Vault `network_acls`, registry `network_rule_set`) does with
/// traffic no rule matches.
pub(crate) enum Firewall {
    /// No firewall block (or a dynamic one known to be empty): everything is allowed.
    None,
    /// `default_action` other than `Deny`; the attribute when written.
    Allows(Option<Attr>),
    /// Denies by default, or cannot be known.
    DeniesOrUnknown,
}

/// A public endpoint (`public_network_access_enabled` not false, default true) with a firewall
/// that does not deny by default: reported at the firewall's `default_action` when written, else at
/// `public_network_access_enabled`, else at the resource. `why` says what is exposed.
pub(crate) fn report_public_endpoint(
    res: &Resource<'_>,
    cx: &mut TfCtx<'_>,
    firewall: Firewall,
    block: &str,
    why: &str,
    help: &str,
) {
    let public = Setting::of(res.attr("public_network_access_enabled"));
    if public.bool_or(true) != Some(true) {
        return;
    }
    let public_shown = match public.attr() {
        Some(a) if !a.value.is_absent() => shown("public_network_access_enabled", a),
        _ => "`public_network_access_enabled` defaults to true".to_string(),
    };
    let no_deny = match firewall {
        Firewall::DeniesOrUnknown => return,
        Firewall::Allows(Some(a)) => {
            let message = format!(
                "{} in `{block}` while public network access is on ({public_shown}): {why}",
                shown("default_action", &a)
            );
            report_attr(cx, &a, message, help);
            return;
        }
        Firewall::Allows(None) => format!("its `{block}` allows by default"),
        Firewall::None => format!("no `{block}` block denies by default"),
    };
    match public.attr() {
        Some(a) => {
            let message = format!(
                "{} and {no_deny}: {why}",
                shown("public_network_access_enabled", a)
            );
            report_attr(cx, a, message, help);
        }
        None => {
            cx.report(
                &res.file,
                res.span(),
                format!("public network access is on ({public_shown}) and {no_deny}: {why}"),
                help,
            );
        }
    }
}
