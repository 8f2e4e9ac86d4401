//! AKS515 keyvault-access-policies: an `azurerm_key_vault` that does not use Azure RBAC for its
//! data plane, so access policies authorize it. The attribute was renamed (aks-reference §2.0
//! item 3): `enable_rbac_authorization` in v3 and v4.0–4.41, `rbac_authorization_enabled` from
//! v4.42, required in v5 (where the old name is gone). Both spellings are read; either true is
//! compliant. Not written means access policies in v3/v4 and a configuration v5 rejects: no
//! major deploys such a vault with RBAC, so "not written" is a finding whatever the majors.

use crate::declare_rule;
use crate::rules::azurerm::{Setting, report_attr, shown};
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Majors, Resource};

declare_rule!(KeyVaultAccessPolicies, "AKS515", [Azure(KeyVault)]);

const OLD: &str = "enable_rbac_authorization";
const NEW: &str = "rbac_authorization_enabled";

const WHY: &str = "secrets are authorized by vault-wide access policies, which anyone allowed to write the vault (`Key Vault Contributor`) can extend to themselves";

/// The HCL to write, in the spelling the module's majors accept.
fn help(written: Option<&str>, majors: Majors) -> String {
    let then = "then grant data-plane roles (`Key Vault Secrets User` to workload identities) with `azurerm_role_assignment` and drop the `access_policy` blocks";
    let set = match (written, majors.single()) {
        (Some(name), _) => format!("set `{name} = true`"),
        (None, Some(3)) => format!("set `{OLD} = true`"),
        (None, Some(5)) => format!("set `{NEW} = true`"),
        _ => format!("set `{NEW} = true` (azurerm ≥ 4.42; `{OLD} = true` before 4.42)"),
    };
    format!("{set} on the vault, {then}")
}

impl Rule for KeyVaultAccessPolicies {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let settings = [
            (NEW, Setting::of(res.attr(NEW))),
            (OLD, Setting::of(res.attr(OLD))),
        ];
        // Compliant or unknown as soon as one spelling is true, unknown or not a boolean.
        if settings
            .iter()
            .any(|(_, s)| s.bool_or(false) != Some(false))
        {
            return;
        }
        // Point at a written `false` first, then at a written null.
        let written = settings
            .iter()
            .filter_map(|(n, s)| s.attr().map(|a| (*n, a)))
            .min_by_key(|(_, a)| a.value.is_absent());
        match written {
            Some((name, a)) => {
                let what = if a.value.is_absent() {
                    "leaves Azure RBAC authorization at its default, off"
                } else {
                    "turns Azure RBAC authorization off"
                };
                report_attr(
                    cx,
                    a,
                    format!("{} {what}: {WHY}", shown(name, a)),
                    &help(Some(name), cx.majors),
                );
            }
            None => {
                let help = help(None, cx.majors);
                let missing = match cx.majors.single() {
                    Some(3) => format!("the Key Vault does not set `{OLD}`"),
                    Some(5) => {
                        format!("the Key Vault does not set `{NEW}`, which azurerm v5 requires")
                    }
                    _ => {
                        format!("the Key Vault does not set `{NEW}` (`{OLD}` before azurerm 4.42)")
                    }
                };
                cx.report(
                    &res.file,
                    res.span(),
                    format!("{missing}, so Azure RBAC authorization is off: {WHY}"),
                    help,
                );
            }
        }
    }
}
