//! AKS513 keyvault-purge-protection-disabled: an `azurerm_key_vault` whose
//! `purge_protection_enabled` is not true (optional, default false, in every azurerm major).

use crate::declare_rule;
use crate::rules::azurerm::{Setting, report_attr, shown};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(KeyVaultPurgeProtectionDisabled, "AKS513", [Azure(KeyVault)]);

const HELP: &str = "set `purge_protection_enabled = true` on the vault (it cannot be turned off again; deleted vaults and objects then stay recoverable for `soft_delete_retention_days`)";

const WHY: &str =
    "a deleted vault or secret can be purged at once, before the soft-delete retention ends";

impl Rule for KeyVaultPurgeProtectionDisabled {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let setting = Setting::of(res.attr("purge_protection_enabled"));
        if setting.bool_or(false) != Some(false) {
            return;
        }
        match setting.attr() {
            Some(a) => {
                let what = if a.value.is_absent() {
                    "leaves purge protection at its default, off"
                } else {
                    "turns purge protection off"
                };
                report_attr(
                    cx,
                    a,
                    format!("{} {what}: {WHY}", shown("purge_protection_enabled", a)),
                    HELP,
                );
            }
            None => {
                cx.report(
                    &res.file,
                    res.span(),
                    format!(
                        "the Key Vault does not set `purge_protection_enabled`, which defaults to false: {WHY}"
                    ),
                    HELP,
                );
            }
        }
    }
}
