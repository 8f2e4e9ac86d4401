//! AKS512 secret-rotation-disabled: the cluster's Key Vault secrets provider add-on is on but
//! `secret_rotation_enabled` is not true (it defaults to false in every azurerm major). Judged
//! when the add-on is on, or may be (a `dynamic` block with an unknown `for_each`, judged as the
//! representative instance's block); a missing add-on is AKS511.

use crate::declare_rule;
use crate::rules::azurerm::{SecretsProvider, secrets_provider};
use crate::rules::azurerm::{Setting, report_attr, shown};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(SecretRotationDisabled, "AKS512", [Azure(Cluster)]);

const HELP: &str = "set `secret_rotation_enabled = true` in the `key_vault_secrets_provider` block (Key Vault is polled every `secret_rotation_interval`, default \"2m\")";

impl Rule for SecretRotationDisabled {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let (SecretsProvider::Enabled(block) | SecretsProvider::Maybe(block)) =
            secrets_provider(res)
        else {
            return;
        };
        let setting = Setting::of(block.attr("secret_rotation_enabled"));
        if setting.bool_or(false) != Some(false) {
            return;
        }
        const WHY: &str = "pods keep the secret they mounted after it is rotated in Key Vault";
        match setting.attr() {
            Some(a) if a.value.is_absent() => {
                report_attr(
                    cx,
                    a,
                    format!(
                        "{} leaves Key Vault secret rotation at its default, off: {WHY}",
                        shown("secret_rotation_enabled", a)
                    ),
                    HELP,
                );
            }
            Some(a) => {
                report_attr(
                    cx,
                    a,
                    format!(
                        "Key Vault secret rotation is off ({}): {WHY}",
                        shown("secret_rotation_enabled", a)
                    ),
                    HELP,
                );
            }
            None => {
                cx.report(
                    block.file(),
                    block.span(),
                    format!(
                        "`{}` does not set `secret_rotation_enabled`, which defaults to false: {WHY}",
                        block.name
                    ),
                    HELP,
                );
            }
        }
    }
}
