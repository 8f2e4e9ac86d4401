//! AKS514 keyvault-public-network: an `azurerm_key_vault` reachable from any network — public
//! network access enabled (`public_network_access_enabled`, default true) and no firewall that
//! denies by default (`network_acls { default_action = "Deny" }`). Either setting closes it.

use crate::declare_rule;
use crate::rules::azurerm::{Firewall, Setting, report_public_endpoint};
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Present, Resource};

declare_rule!(KeyVaultPublicNetwork, "AKS514", [Azure(KeyVault)]);

const HELP: &str = "set `public_network_access_enabled = false` and reach the vault through a private endpoint, or keep the public endpoint behind a firewall that denies by default: a `network_acls` block with `default_action = \"Deny\"`, `bypass = \"AzureServices\"` and the allowed `ip_rules` and `virtual_network_subnet_ids`";

const WHY: &str = "the vault accepts connections from any network";

fn firewall(res: &Resource<'_>) -> Firewall {
    let b = match res.present("network_acls") {
        // One that may be there (`dynamic`, unknown `for_each`): judged on what it sets.
        Present::Block(b) | Present::Unknown(b) => b,
        // Attribute syntax (`network_acls = [...]`) is not the provider's; do not guess.
        Present::Missing if res.attr("network_acls").is_none() => return Firewall::None,
        Present::Missing => return Firewall::DeniesOrUnknown,
    };
    // `default_action` is required: without it the configuration does not plan.
    match Setting::of(b.attr("default_action")) {
        Setting::Known(a) => Firewall::of_default_action(a),
        _ => Firewall::DeniesOrUnknown,
    }
}

impl Rule for KeyVaultPublicNetwork {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        report_public_endpoint(res, cx, firewall(res), "network_acls", WHY, HELP);
    }
}
