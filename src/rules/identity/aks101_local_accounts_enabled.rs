//! AKS101 local-accounts-enabled: an `azurerm_kubernetes_cluster` whose `local_account_disabled`
//! is not `true`. The provider default is `false` in every major (v3–v5), so an absent or null
//! attribute fires too (checkov#3193: a module variable defaulting to null is the provider
//! default); an unknown value never does. Anchored at the attribute, or at the resource header
//! when it is not written.

use crate::declare_rule;
use crate::rules::azurerm::{Setting, report_attr, shown};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

declare_rule!(LocalAccountsEnabled, "AKS101", [Azure(Cluster)]);

const NAME: &str = "local_account_disabled";

const HELP: &str = "set `local_account_disabled = true` on the cluster (AKS requires the Entra ID integration, `azure_active_directory_role_based_access_control { … }`, for it); people and pipelines then sign in with Entra ID (`az aks get-credentials`, then `kubelogin`)";

impl Rule for LocalAccountsEnabled {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let setting = Setting::of(res.attr(NAME));
        if setting.bool_or(false) != Some(false) {
            return;
        }
        match setting.attr() {
            None => {
                cx.report(
                    &res.file,
                    res.span(),
                    "the cluster does not set `local_account_disabled = true`: local accounts are enabled by default, and their static admin kubeconfig bypasses Entra ID and its audit trail",
                    HELP,
                );
            }
            Some(a) if a.value.is_absent() => {
                report_attr(
                    cx,
                    a,
                    format!(
                        "{}: the provider default `false` applies, so local accounts are enabled and their static admin kubeconfig bypasses Entra ID and its audit trail",
                        shown(NAME, a)
                    ),
                    HELP,
                );
            }
            Some(a) => {
                report_attr(
                    cx,
                    a,
                    format!(
                        "{} keeps local accounts enabled: their static admin kubeconfig bypasses Entra ID and its audit trail",
                        shown(NAME, a)
                    ),
                    HELP,
                );
            }
        }
    }
}
