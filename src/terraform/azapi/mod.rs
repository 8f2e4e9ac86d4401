//! Azure resources written with the azapi provider (`azapi_resource`, `azapi_update_resource`):
//! an ARM type and API version (`type = "Microsoft.ContainerService/managedClusters@2025-10-01"`)
//! and the request body, as an HCL object (azapi v2) or JSON text (v1: `jsonencode({...})`, a
//! heredoc). See `../shared/spec/azapi.md`.
//!
//! # Design: one set of rules, two spellings
//!
//! The rules read the azurerm spelling (`res.attr("local_account_disabled")`,
//! `res.blocks("network_profile")`). Rather than teach each rule a second spelling, an azapi
//! resource of a kind akslint judges is *normalised* here: its body is evaluated once, and the
//! resource's views ([`super::Resource::attr`], [`super::Resource::blocks`]) answer the azurerm
//! names from the ARM properties through the tables of [`fields`]
//! (`local_account_disabled` ← `properties.disableLocalAccounts`, `run_command_enabled` ←
//! `!properties.apiServerAccessProfile.disableRunCommand`, a `network_profile` block ←
//! `properties.networkProfile`, one `default_node_pool` per `properties.agentPoolProfiles[]`, a
//! `key_vault_secrets_provider` block ← `addonProfiles.azureKeyvaultSecretsProvider` when its
//! `enabled` is true…). So a rule judges both spellings with the same code and the same
//! three-valued discipline (unknown never fires), and an azurerm-only setting the table does not
//! map is simply not written.
//!
//! What differs is told apart where it differs:
//! - **Where.** An attribute read from a body points where its value was written (the body key's
//!   value, or the local, variable default or tfvars entry it came from); a missing property
//!   points at the resource header, as a missing azurerm attribute does.
//! - **Words.** Each attribute carries its ARM spelling ([`super::Attr::arm`]), which the rule kit
//!   shows in messages; the rest of the message and the help are put in ARM terms by the rule kit
//!   (`rules::azurerm::arm`), once per finding, by the engine.
//! - **Defaults.** An absent property is the ARM default for that API version: the same as the
//!   azurerm default for every rule but a few, which the tables handle (Key Vault RBAC from API
//!   2026-02-01) or which read no azurerm major (the OIDC issuer's default depends on the
//!   Kubernetes version: unknown).
//! - **Patches.** `azapi_update_resource` changes only what it writes, and an AKS Automatic
//!   cluster (`sku.name = "Automatic"`) is configured by the RP: for both, a property not written
//!   is unknown, not the default ([`Arm::partial`]).
//!
//! Not read: `azapi_update_resource` is not overlaid on the resource it patches (both are judged
//! on their own); `azapi_resource_action`.

pub mod fields;
pub(crate) mod view;

use super::eval::{Env, Scope};
use super::json;
use super::kind::AzureKind;
use super::module::span_of;
use super::value::{Evaluated, Lit, Origin, Value};
use crate::source::Span;
use hcl_edit::expr::Expression;
use hcl_edit::structure::Body;
use std::sync::Arc;

/// `azapi_resource`
pub const RESOURCE: &str = "azapi_resource";
/// `azapi_update_resource`
pub const UPDATE: &str = "azapi_update_resource";

/// Whether a resource type is one of azapi's that carry an ARM body.
pub fn is_azapi(resource_type: &str) -> bool {
    resource_type == RESOURCE || resource_type == UPDATE
}

/// An azapi resource of a kind akslint judges, with its body evaluated.
#[derive(Debug, Clone)]
pub struct Arm {
    pub kind: AzureKind,
    /// The API versions the `type` may name (two when it is a conditional).
    pub versions: Vec<Arc<str>>,
    /// The request body (`body`, with `sensitive_body` merged over it); unknown when it cannot
    /// be evaluated.
    pub body: Evaluated,
    /// A property that is not written is unknown, not the ARM default: an
    /// `azapi_update_resource` (a patch of a resource made elsewhere), or an AKS Automatic
    /// cluster (the RP chooses its defaults).
    pub partial: bool,
}

/// The ARM type (lower case, without the API version) of each kind.
const TYPES: &[(&str, AzureKind)] = &[
    (
        "microsoft.containerservice/managedclusters",
        AzureKind::Cluster,
    ),
    (
        "microsoft.containerservice/managedclusters/agentpools",
        AzureKind::NodePool,
    ),
    (
        "microsoft.containerregistry/registries",
        AzureKind::Registry,
    ),
    ("microsoft.keyvault/vaults", AzureKind::KeyVault),
    (
        "microsoft.insights/diagnosticsettings",
        AzureKind::DiagnosticSetting,
    ),
    ("microsoft.security/pricings", AzureKind::DefenderPlan),
    (
        "microsoft.managedidentity/userassignedidentities/federatedidentitycredentials",
        AzureKind::FederatedCredential,
    ),
];

/// `Microsoft.X/y@2025-01-01` → its kind and API version.
pub fn parse_type(t: &str) -> Option<(AzureKind, Arc<str>)> {
    let (ty, version) = t.trim().split_once('@')?;
    let ty = ty.to_ascii_lowercase();
    let kind = TYPES.iter().find(|(t, _)| *t == ty)?.1;
    Some((kind, version.trim().into()))
}

/// Reads an azapi resource (its block `body`, evaluated in `scope` with `env`): `None` when it is
/// not of a kind akslint judges, or its `type` cannot be known.
pub(crate) fn read(
    scope: &Scope<'_>,
    resource_type: &str,
    body: &Body,
    file: &Arc<str>,
    env: &Env,
    header: Span,
) -> Option<Arm> {
    if !is_azapi(resource_type) {
        return None;
    }
    let (kind, versions) = types(scope, body, file, env)?;
    let origin = Origin {
        file: file.clone(),
        span: header,
    };
    let request = request(scope, body.get_attribute("body"), file, env, &origin);
    let sensitive = body
        .get_attribute("sensitive_body")
        .map(|a| request_of(scope, &a.value, file, env));
    let body = match sensitive {
        Some(s) if !s.value.is_absent() => merge_patch(&request, &s),
        _ => request,
    };
    let partial = resource_type == UPDATE || (kind == AzureKind::Cluster && automatic(&body));
    Some(Arm {
        kind,
        versions,
        body,
        partial,
    })
}

/// Whether a cluster's body may be an AKS Automatic one (`sku.name = "Automatic"`, or unknown).
fn automatic(body: &Evaluated) -> bool {
    let name = get(body, "sku").and_then(|s| get(&s, "name"));
    match name {
        Some(n) => match &n.value {
            Value::Known(Lit::String(s)) => s.eq_ignore_ascii_case("Automatic"),
            Value::Absent | Value::Known(_) => false,
            Value::Unknown | Value::Ref(_) => true,
        },
        None => body.value.is_unknown(),
    }
}

/// An azapi resource of a Terraform plan (see [`super::plan`]): its `type` and its `body` as the
/// planned values hold them — an object (azapi v2), or JSON text (v1), decoded here; unknown
/// where the plan does not know it. `sensitive_body` is write-only: never in a plan. `None` when
/// it is not of a kind akslint judges.
pub(crate) fn planned(
    resource_type: &str,
    arm_type: &str,
    body: Option<Evaluated>,
    anchor: &Origin,
) -> Option<Arm> {
    if !is_azapi(resource_type) {
        return None;
    }
    let (kind, version) = parse_type(arm_type)?;
    let empty = || Evaluated {
        value: Value::Known(Lit::Object(Arc::from([]))),
        origin: anchor.clone(),
    };
    let body = match body {
        None => empty(),
        Some(b) => match &b.value {
            Value::Absent => empty(),
            Value::Known(Lit::String(s)) => json::decode(s, &b.origin).unwrap_or(Evaluated {
                value: Value::Unknown,
                origin: b.origin.clone(),
            }),
            _ => b,
        },
    };
    let partial = resource_type == UPDATE || (kind == AzureKind::Cluster && automatic(&body));
    Some(Arm {
        kind,
        versions: vec![version],
        body,
        partial,
    })
}

/// The kind and API versions of `type`: a known string, or a conditional whose branches are
/// both known and of one kind (AVM picks a preview API version this way).
fn types(
    scope: &Scope<'_>,
    body: &Body,
    file: &Arc<str>,
    env: &Env,
) -> Option<(AzureKind, Vec<Arc<str>>)> {
    let expr = &body.get_attribute("type")?.value;
    let text = |e: &Expression| {
        let v = scope.eval_in(e, file, env);
        v.value.as_str().and_then(parse_type)
    };
    if let Some((k, v)) = text(expr) {
        return Some((k, vec![v]));
    }
    let Expression::Conditional(c) = expr else {
        return None;
    };
    let (a, b) = (text(&c.true_expr)?, text(&c.false_expr)?);
    (a.0 == b.0).then(|| (a.0, vec![a.1, b.1]))
}

/// The request body: `body` not written is `{}`.
fn request(
    scope: &Scope<'_>,
    attr: Option<&hcl_edit::structure::Attribute>,
    file: &Arc<str>,
    env: &Env,
    header: &Origin,
) -> Evaluated {
    match attr {
        Some(a) => request_of(scope, &a.value, file, env),
        None => Evaluated {
            value: Value::Known(Lit::Object(Arc::from([]))),
            origin: header.clone(),
        },
    }
}

/// A body expression: `jsonencode(x)` is `x` (its origins kept); JSON text is decoded (every
/// value then points at the text); an object is itself.
fn request_of(scope: &Scope<'_>, e: &Expression, file: &Arc<str>, env: &Env) -> Evaluated {
    if let Expression::FuncCall(f) = e
        && !f.name.is_namespaced()
        && f.name.name.as_str() == "jsonencode"
        && f.args.len() == 1
        && !f.args.expand_final()
        && let Some(arg) = f.args.iter().next()
    {
        return scope.eval_in(arg, file, env);
    }
    let v = scope.eval_in(e, file, env);
    match &v.value {
        Value::Known(Lit::String(s)) => json::decode(s, &v.origin).unwrap_or(Evaluated {
            value: Value::Unknown,
            origin: Origin {
                file: file.clone(),
                span: span_of(e),
            },
        }),
        _ => v,
    }
}

/// `patch` merged over `base` key by key (JSON merge patch, as azapi applies `sensitive_body`):
/// objects merge, anything else in `patch` replaces.
pub(crate) fn merge_patch(base: &Evaluated, patch: &Evaluated) -> Evaluated {
    let (Some(b), Some(p)) = (base.value.as_object(), patch.value.as_object()) else {
        return match patch.value {
            Value::Absent => base.clone(),
            _ => patch.clone(),
        };
    };
    let mut out: Vec<(Arc<str>, Evaluated)> = b.to_vec();
    for (k, pv) in p.iter() {
        match out
            .iter_mut()
            .rev()
            .find(|(ok, _)| ok.eq_ignore_ascii_case(k))
        {
            Some(slot) => slot.1 = merge_patch(&slot.1, pv),
            None => out.push((k.clone(), pv.clone())),
        }
    }
    Evaluated {
        value: Value::Known(Lit::Object(out.into())),
        origin: base.origin.clone(),
    }
}

/// A property of a known object, its name compared ignoring case (ARM's property names are;
/// the portal even rewrites add-on keys' case); the last one written wins.
pub fn get(v: &Evaluated, key: &str) -> Option<Evaluated> {
    v.value
        .as_object()?
        .iter()
        .rev()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, e)| e.clone())
}

/// What a dotted path (`properties.networkProfile`) holds in a body.
#[derive(Debug, Clone)]
pub enum Found {
    /// Written (possibly as null: [`Value::Absent`]).
    Value(Evaluated),
    /// Not written: the ARM default applies.
    Missing,
    /// The body, or an object on the way, cannot be known.
    Unknown,
}

/// Walks `path` (dot-separated property names) from `v`.
pub fn lookup(v: &Evaluated, path: &str) -> Found {
    let mut cur = v.clone();
    for key in path.split('.').filter(|k| !k.is_empty()) {
        match &cur.value {
            Value::Unknown | Value::Ref(_) => return Found::Unknown,
            Value::Absent => return Found::Missing,
            Value::Known(Lit::Object(_)) => match get(&cur, key) {
                Some(next) => cur = next,
                None => return Found::Missing,
            },
            Value::Known(_) => return Found::Missing,
        }
    }
    Found::Value(cur)
}

#[cfg(test)]
mod tests;
