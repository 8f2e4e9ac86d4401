//! Reporting on Terraform: at a written attribute (naming where its value came from), and the
//! shared verdict of the resources with a public endpoint and a firewall (Key Vault, registry).

use super::display::shown;
use super::setting::Setting;
use crate::diagnostic::Finding;
use crate::rules::TfCtx;
use crate::terraform::{Attr, Resource};

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
pub fn report_attr<'f>(
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

/// What a resource's firewall (Key Vault `network_acls`, registry `network_rule_set`) does with
/// traffic no rule matches.
pub enum Firewall {
    /// No firewall block (or a dynamic one known to be empty): everything is allowed.
    None,
    /// `default_action` other than `Deny`; the attribute when written.
    Allows(Option<Attr>),
    /// Denies by default, or cannot be known.
    DeniesOrUnknown,
}

impl Firewall {
    /// What a firewall with this known `default_action` does: `Deny` denies (compared ignoring
    /// case: the provider rejects another case, so it does not plan either), another string
    /// allows, a value that is no string cannot be judged.
    pub fn of_default_action(a: Attr) -> Firewall {
        match a.value.as_str() {
            Some(s) if s.eq_ignore_ascii_case("Deny") => Firewall::DeniesOrUnknown,
            Some(_) => Firewall::Allows(Some(a)),
            None => Firewall::DeniesOrUnknown,
        }
    }
}

/// A public endpoint (`public_network_access_enabled` not false, default true) with a firewall
/// that does not deny by default: reported at the firewall's `default_action` when written, else at
/// `public_network_access_enabled`, else at the resource. `why` says what is exposed.
pub fn report_public_endpoint(
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
