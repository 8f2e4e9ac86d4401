//! AKS104 kubernetes-rbac-disabled: `role_based_access_control_enabled = false` on an
//! `azurerm_kubernetes_cluster`, or azurerm ≤ 2.98's `role_based_access_control { enabled =
//! false }` (read as v3). The default is `true` (ForceNew), so absent and null pass. Anchored at
//! the attribute.

use super::cluster::{is_cluster, said};
use crate::declare_rule;
use crate::rules::{Rule, RuleMeta, TfCtx};
use crate::terraform::{Presence, Resource};

declare_rule!(KubernetesRbacDisabled, "AKS104");

const HELP: &str = "remove `role_based_access_control_enabled = false` (the default is `true`) or set it to `true`; the setting forces a new cluster, so plan the replacement";

const MESSAGE: &str = "turns Kubernetes RBAC off: every authenticated identity, every pod's service account included, can do anything in the cluster";

impl Rule for KubernetesRbacDisabled {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        if !is_cluster(res) {
            return;
        }
        const NAME: &str = "role_based_access_control_enabled";
        if let Some(a) = res.attr(NAME)
            && a.value.as_bool() == Some(false)
        {
            cx.report(
                &a.file,
                a.key_span,
                format!("{} {MESSAGE}", said(res, NAME, &a)),
                HELP,
            );
        }
        // azurerm v2: `role_based_access_control { enabled = false }`.
        for block in res.blocks("role_based_access_control") {
            if block.presence != Presence::KnownNonEmpty {
                continue;
            }
            if let Some(a) = block.attr("enabled")
                && a.value.as_bool() == Some(false)
            {
                cx.report(
                    &a.file,
                    a.key_span,
                    format!(
                        "{} in `role_based_access_control` {MESSAGE}",
                        said(res, "enabled", &a)
                    ),
                    "remove the azurerm v2 block `role_based_access_control { … }` and leave `role_based_access_control_enabled` at its default `true` (azurerm ≥ 2.99); the setting forces a new cluster, so plan the replacement",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::identity::cluster::test_support::check_fixtures;

    #[test]
    fn fixtures() {
        check_fixtures(&KubernetesRbacDisabled);
    }
}
