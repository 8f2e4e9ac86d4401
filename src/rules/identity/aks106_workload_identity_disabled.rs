//! AKS106 workload-identity-disabled: an `azurerm_kubernetes_cluster` whose
//! `workload_identity_enabled` is not `true` (default `false` in every major), or whose
//! `oidc_issuer_enabled` is not `true`. The OIDC issuer's default changed: azurerm v5 turns it on,
//! v3 and v4 leave it off; so an absent (or null) `oidc_issuer_enabled` is judged only when the
//! module's provider majors are known to be a single one (rules.md, "provider major versions are
//! sets"). One finding per cluster, naming both settings when both are off, anchored at the first
//! offending attribute written, else at the resource header.

use crate::declare_rule;
use crate::rules::azurerm::{
    OIDC_ISSUER as OIDC, Setting, WORKLOAD_IDENTITY as WI, oidc_issuer_default, report_attr, shown,
};
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Attr, Resource};

declare_rule!(WorkloadIdentityDisabled, "AKS106", [Azure(Cluster)]);

const HELP: &str = "set `oidc_issuer_enabled = true` and `workload_identity_enabled = true` on the cluster, then federate each workload's user-assigned identity with its service account (`azurerm_federated_identity_credential`) and label its pods `azure.workload.identity/use: \"true\"`";

const CONSEQUENCE: &str = "pods cannot exchange a service account token for an Entra ID token, so workloads fall back to stored secrets or the node's shared identity";

/// A setting that is off: how to say it, and the attribute when written.
struct Off {
    text: String,
    attr: Option<Attr>,
}

/// `Some(off)` when the setting is known to be off; `default` is the provider default (`None`
/// when it depends on a major that is not known) and `why` says where that default comes from.
fn off(res: &Resource<'_>, name: &str, default: Option<bool>, why: &str) -> Option<Off> {
    let setting = Setting::of(res.attr(name));
    let value = match &setting {
        Setting::NotWritten | Setting::Null(_) => default?,
        Setting::Known(a) => a.value.as_bool()?,
        Setting::Unknown => return None,
    };
    if value {
        return None;
    }
    let attr = setting.attr().cloned();
    let text = match (&setting, &attr) {
        (Setting::Null(_), Some(a)) => format!("{} ({why})", shown(name, a)),
        (_, Some(a)) => shown(name, a),
        (_, None) => format!("`{name}` is not set ({why})"),
    };
    Some(Off { text, attr })
}

impl Rule for WorkloadIdentityDisabled {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let wi = off(res, WI, Some(false), "the default is `false`");
        // v5 turns the issuer on by default; v3 and v4 do not; several majors: unknown.
        let why = match cx.majors.single() {
            Some(3) => "azurerm v3 leaves it off",
            _ => "azurerm v4 leaves it off",
        };
        let oidc = off(res, OIDC, oidc_issuer_default(cx.majors), why);
        let found: Vec<Off> = [wi, oidc].into_iter().flatten().collect();
        let message = match &found[..] {
            [] => return,
            [one] => format!("{}: {CONSEQUENCE}", one.text),
            [a, b, ..] => format!("{} and {}: {CONSEQUENCE}", a.text, b.text),
        };
        // The first offending attribute written, in file order; else the resource header.
        match found
            .iter()
            .filter_map(|o| o.attr.as_ref())
            .min_by_key(|a| a.span.start)
        {
            Some(a) => {
                report_attr(cx, a, message, HELP);
            }
            None => {
                cx.report(&res.file, res.span(), message, HELP);
            }
        }
    }
}
