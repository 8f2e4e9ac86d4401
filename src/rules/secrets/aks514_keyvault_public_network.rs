//! AKS514 keyvault-public-network: an `azurerm_key_vault` reachable from any network — public
//! network access enabled (`public_network_access_enabled`, default true) and no firewall that
//! denies by default (`network_acls { default_action = "Deny" }`). Either setting closes it.

use crate::declare_rule;
use crate::rules::azurerm::{Firewall, Setting, report_public_endpoint};
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Presence, Resource};

declare_rule!(KeyVaultPublicNetwork, "AKS514", [Azure(KeyVault)]);

const HELP: &str = "set `public_network_access_enabled = false` and reach the vault through a private endpoint, or keep the public endpoint behind a firewall that denies by default: a `network_acls` block with `default_action = \"Deny\"`, `bypass = \"AzureServices\"` and the allowed `ip_rules` and `virtual_network_subnet_ids`";

const WHY: &str = "the vault accepts connections from any network";

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
                Some(_) => Firewall::Allows(Some(a)),
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
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        report_public_endpoint(res, cx, firewall(res), "network_acls", WHY, HELP);
    }
}
