//! AKS514 keyvault-public-network: an `azurerm_key_vault` reachable from any network — public
//! network access enabled (`public_network_access_enabled`, default true) and no firewall that
//! denies by default (`network_acls { default_action = "Deny" }`). Either setting closes it.

use super::aks513_keyvault_purge_protection_disabled::VAULT;
use crate::declare_rule;
use crate::rules::tf::{Setting, judged, report_attr, shown};
use crate::rules::{Rule, RuleMeta, TfCtx};
use crate::terraform::{Attr, Presence, Resource};

declare_rule!(KeyVaultPublicNetwork, "AKS514");

const HELP: &str = "set `public_network_access_enabled = false` and reach the vault through a private endpoint, or keep the public endpoint behind a firewall that denies by default: a `network_acls` block with `default_action = \"Deny\"`, `bypass = \"AzureServices\"` and the allowed `ip_rules` and `virtual_network_subnet_ids`";

const WHY: &str = "the vault accepts connections from any network";

/// What the vault's firewall does with traffic no rule matches.
enum Firewall {
    /// No `network_acls` block (or a dynamic one known to be empty): everything is allowed.
    None,
    /// `default_action` is something other than `Deny` (`Allow`).
    Allows(Attr),
    /// Denies by default, or cannot be known.
    DeniesOrUnknown,
}

fn firewall(res: &Resource<'_>) -> Firewall {
    // Attribute syntax (`network_acls = [...]`) is not the provider's; do not guess.
    let mut unknown = res.attr("network_acls").is_some();
    for b in res.blocks("network_acls") {
        match b.presence {
            Presence::KnownEmpty => continue,
            Presence::Unknown => {
                unknown = true;
                continue;
            }
            Presence::KnownNonEmpty => {}
        }
        // `default_action` is required: without it the configuration does not plan.
        return match Setting::of(b.attr("default_action")) {
            Setting::Known(a) => match a.value.as_str() {
                // The provider compares case-sensitively; another case does not plan either.
                Some(s) if s.eq_ignore_ascii_case("Deny") => Firewall::DeniesOrUnknown,
                Some(_) => Firewall::Allows(a),
                None => Firewall::DeniesOrUnknown,
            },
            _ => Firewall::DeniesOrUnknown,
        };
    }
    if unknown {
        Firewall::DeniesOrUnknown
    } else {
        Firewall::None
    }
}

impl Rule for KeyVaultPublicNetwork {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        if !judged(res, VAULT) {
            return;
        }
        let public = Setting::of(res.attr("public_network_access_enabled"));
        if public.bool_or(true) != Some(true) {
            return;
        }
        let public_shown = match public.attr() {
            Some(a) if !a.value.is_absent() => shown("public_network_access_enabled", a),
            _ => "`public_network_access_enabled` defaults to true".to_string(),
        };
        match firewall(res) {
            Firewall::DeniesOrUnknown => {}
            Firewall::Allows(a) => {
                report_attr(
                    cx,
                    &a,
                    format!(
                        "{} in `network_acls` while public network access is on ({public_shown}): {WHY}",
                        shown("default_action", &a)
                    ),
                    HELP,
                );
            }
            Firewall::None => match public.attr() {
                Some(a) => {
                    report_attr(
                        cx,
                        a,
                        format!(
                            "{} and no `network_acls` block denies by default: {WHY}",
                            shown("public_network_access_enabled", a)
                        ),
                        HELP,
                    );
                }
                None => {
                    cx.report(
                        &res.file,
                        res.span(),
                        format!(
                            "public network access is on ({public_shown}) and no `network_acls` block denies by default: {WHY}"
                        ),
                        HELP,
                    );
                }
            },
        }
    }
}
