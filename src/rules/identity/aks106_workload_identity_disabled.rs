//! AKS106 workload-identity-disabled: an `azurerm_kubernetes_cluster` whose
//! `workload_identity_enabled` is not `true` (default `false` in every major), or whose
//! `oidc_issuer_enabled` is not `true`. The OIDC issuer's default changed: azurerm v5 turns it on,
//! v3 and v4 leave it off; so an absent `oidc_issuer_enabled` is judged only when the module's
//! provider majors are known to be a single one (rules.md, "provider major versions are sets").
//! One finding per cluster, naming both settings when both are off, anchored at the first
//! offending attribute written, else at the resource header.

use super::cluster::{is_cluster, said};
use crate::declare_rule;
use crate::rules::{Rule, RuleMeta, TfCtx};
use crate::terraform::{Attr, Resource};

declare_rule!(WorkloadIdentityDisabled, "AKS106");

const WI: &str = "workload_identity_enabled";
const OIDC: &str = "oidc_issuer_enabled";

/// What one of the two settings says.
enum Verdict {
    On,
    /// Off, with its description and the attribute when written.
    Off(String, Option<Attr>),
    Unknown,
}

fn judge(res: &Resource<'_>, name: &str, absent_is_on: Option<bool>, default: &str) -> Verdict {
    match res.attr(name) {
        None => match absent_is_on {
            Some(true) => Verdict::On,
            Some(false) => Verdict::Off(format!("`{name}` is not set ({default})"), None),
            None => Verdict::Unknown,
        },
        Some(a) if a.value.is_absent() => match absent_is_on {
            Some(true) => Verdict::On,
            Some(false) => Verdict::Off(format!("{}, and {default}", said(res, name, &a)), Some(a)),
            None => Verdict::Unknown,
        },
        Some(a) => match a.value.as_bool() {
            Some(true) => Verdict::On,
            Some(false) => Verdict::Off(said(res, name, &a), Some(a)),
            None => Verdict::Unknown,
        },
    }
}

impl Rule for WorkloadIdentityDisabled {
    fn meta(&self) -> &'static RuleMeta {
        Self::doc_meta()
    }

    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        if !is_cluster(res) {
            return;
        }
        let wi = judge(res, WI, Some(false), "the provider default is `false`");
        // v5 turns the issuer on by default; v3 and v4 do not; several majors: unknown.
        let (oidc_absent, oidc_default) = match cx.majors.single() {
            Some(5) => (Some(true), ""),
            Some(3) => (Some(false), "azurerm v3 leaves the issuer off"),
            Some(_) => (Some(false), "azurerm v4 leaves the issuer off"),
            None => (None, ""),
        };
        let oidc = judge(res, OIDC, oidc_absent, oidc_default);
        let mut off: Vec<(String, Option<Attr>)> = Vec::new();
        for v in [wi, oidc] {
            if let Verdict::Off(text, attr) = v {
                off.push((text, attr));
            }
        }
        if off.is_empty() {
            return;
        }
        let consequence = "pods cannot exchange a service account token for an Entra ID token, so workloads fall back to stored secrets or the node's shared identity";
        let message = match &off[..] {
            [(one, _)] => format!("{one}: {consequence}"),
            [(a, _), (b, _)] => format!("{a} and {b}: {consequence}"),
            _ => unreachable!("two settings at most"),
        };
        // The first offending attribute written, in file order; else the resource header.
        let anchor = off
            .iter()
            .filter_map(|(_, a)| a.as_ref())
            .min_by_key(|a| a.key_span.start)
            .map(|a| (a.file.clone(), a.key_span));
        let (file, span) = anchor.unwrap_or_else(|| (res.file.clone(), res.span()));
        cx.report(
            &file,
            span,
            message,
            "set `oidc_issuer_enabled = true` and `workload_identity_enabled = true` on the cluster, then federate each workload's user-assigned identity with its service account (`azurerm_federated_identity_credential`) and label its pods `azure.workload.identity/use: \"true\"`",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::identity::cluster::test_support::check_fixtures;

    #[test]
    fn fixtures() {
        check_fixtures(&WorkloadIdentityDisabled);
    }
}
