//! AKS101 local-accounts-enabled: an `azurerm_kubernetes_cluster` whose `local_account_disabled`
//! is not `true`. The provider default is `false` in every major (v3–v5), so an absent or null
//! attribute fires too; an unknown value never does. Anchored at the attribute, or at the
//! resource header when it is not written.

use super::cluster::{is_cluster, said};
use crate::declare_rule;
use crate::rules::{Rule, RuleMeta, TfCtx};
use crate::terraform::Resource;

declare_rule!(LocalAccountsEnabled, "AKS101");

const HELP: &str = "set `local_account_disabled = true` on the cluster (it needs the Entra ID integration, `azure_active_directory_role_based_access_control { … }`, so that users and pipelines sign in with Entra ID: `az aks get-credentials` then `kubelogin`)";

impl Rule for LocalAccountsEnabled {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        if !is_cluster(res) {
            return;
        }
        const NAME: &str = "local_account_disabled";
        match res.attr(NAME) {
            None => {
                cx.report(
                    &res.file,
                    res.span(),
                    "the cluster does not set `local_account_disabled = true`: local accounts are enabled by default, and their static admin kubeconfig bypasses Entra ID and its audit trail",
                    HELP,
                );
            }
            Some(a) if a.value.is_absent() => {
                let message = format!(
                    "{}: the provider default `false` applies, so local accounts are enabled and their static admin kubeconfig bypasses Entra ID",
                    said(res, NAME, &a)
                );
                cx.report(&a.file, a.key_span, message, HELP);
            }
            Some(a) if a.value.as_bool() == Some(false) => {
                let message = format!(
                    "{} keeps local accounts enabled: their static admin kubeconfig bypasses Entra ID and its audit trail",
                    said(res, NAME, &a)
                );
                cx.report(&a.file, a.key_span, message, HELP);
            }
            // `true`, unknown, or a value the provider would reject.
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::identity::cluster::test_support::{check_fixtures, lint};

    #[test]
    fn fixtures() {
        check_fixtures(&LocalAccountsEnabled);
    }

    #[test]
    fn messages_name_the_value_and_where_it_came_from() {
        let found = lint(
            &LocalAccountsEnabled,
            &[(
                "main.tf",
                r#"
variable "lad" {
  default = null
}
resource "azurerm_kubernetes_cluster" "a" {
  local_account_disabled = var.lad
}
resource "azurerm_kubernetes_cluster" "b" {
  local_account_disabled = false
}
"#,
            )],
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].3.starts_with(
                "`local_account_disabled = var.lad` (null, from line 3): the provider default"
            ),
            "{}",
            found[0].3
        );
        assert!(
            found[1]
                .3
                .starts_with("`local_account_disabled = false` keeps"),
            "{}",
            found[1].3
        );
    }
}
