//! AKS612 acr-public-network: an `azurerm_container_registry` reachable from any network —
//! `public_network_access_enabled` not false (default true) and no firewall that denies by
//! default (`network_rule_set { default_action = "Deny" }`, block or attribute syntax). Both
//! fixes need the Premium SKU; the finding stands on Basic/Standard (the help says so).

use crate::declare_rule;
use crate::rules::azurerm::{Firewall, Setting, report_public_endpoint};
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Present, Resource, Value};

declare_rule!(AcrPublicNetwork, "AKS612", [Azure(Registry)]);

const HELP: &str = "set `public_network_access_enabled = false` and pull through a private endpoint, or keep the public endpoint behind a firewall that denies by default: a `network_rule_set` block with `default_action = \"Deny\"` and an `ip_rule` per allowed range (both need `sku = \"Premium\"`)";

const WHY: &str = "the registry accepts connections from any network";

fn firewall(res: &Resource<'_>) -> Firewall {
    // Attribute syntax (`network_rule_set = [{ … }]`, the provider's ConfigModeAttr).
    match Setting::of(res.attr("network_rule_set")) {
        Setting::NotWritten => {}
        Setting::Null(_) => return Firewall::None,
        Setting::Known(a) => return attr_firewall(&a.value),
        Setting::Unknown => return Firewall::DeniesOrUnknown,
    }
    let b = match res.present("network_rule_set") {
        // One that may be there (`dynamic`, unknown `for_each`): judged on what it sets.
        Present::Block(b) | Present::Unknown(b) => b,
        Present::Missing => return Firewall::None,
    };
    match Setting::of(b.attr("default_action")) {
        Setting::NotWritten | Setting::Null(_) => Firewall::Allows(None),
        Setting::Known(a) => Firewall::of_default_action(a),
        Setting::Unknown => Firewall::DeniesOrUnknown,
    }
}

/// A `network_rule_set` written in attribute syntax, judged by its first element: a
/// `default_action` that is not written or null allows, as the block's does.
fn attr_firewall(rule_sets: &Value) -> Firewall {
    let first = match rule_sets.as_list() {
        Some([]) => return Firewall::None,
        Some([first, ..]) if first.value.as_object().is_some() => first,
        _ => return Firewall::DeniesOrUnknown,
    };
    let Some(action) = first.value.get("default_action") else {
        return Firewall::Allows(None);
    };
    if action.value.is_absent() {
        return Firewall::Allows(None);
    }
    match action.value.as_str() {
        Some(s) if s.eq_ignore_ascii_case("Deny") => Firewall::DeniesOrUnknown,
        Some(_) => Firewall::Allows(None),
        None => Firewall::DeniesOrUnknown,
    }
}

impl Rule for AcrPublicNetwork {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        report_public_endpoint(res, cx, firewall(res), "network_rule_set", WHY, HELP);
    }
}
