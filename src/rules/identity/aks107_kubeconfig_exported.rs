//! AKS107 kubeconfig-exported: a root module's `output` whose `value`, or a `local_file` /
//! `local_sensitive_file` whose `content`, reads a cluster's kubeconfig: `kube_admin_config` /
//! `kube_admin_config_raw` always, `kube_config` / `kube_config_raw` while the cluster's local
//! accounts are not disabled and it has no Entra ID integration (the user kubeconfig then holds a
//! static client certificate; with the integration it holds none, local accounts or not).
//! Reading the non-secret parts of a kubeconfig block (`kube_config[0].host`,
//! `cluster_ca_certificate`, `client_certificate`, `username`) is fine; `password` and
//! `client_key` are not. A warning for an output, an error for a local file (on disk, where it is
//! easily committed). One finding per output or file, at its `value` / `content` key.
//!
//! What is followed is what [`crate::terraform::refs`] follows: direct references (in function
//! calls and templates too), locals, conditionals with a known condition, and the outputs of
//! local child modules (`module.aks.kube_config_raw` into the child's `output`). Not followed:
//! input variables, remote modules' outputs, `for` expressions. The cluster is looked up in the
//! module that declares it, in the instance the call makes (the child with the caller's
//! arguments) for one read through a child's output; `local_account_disabled` unknown keeps the
//! user case silent, as does a data source's user kubeconfig (its local accounts are not known).
//! The admin case fires even when local accounts are disabled (rules.md: always): the provider
//! leaves the attribute empty then, but the output or file is there to carry the cluster-admin
//! certificate the day they are enabled again (see the doc).

use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::rules::azurerm::{CLUSTER, Setting, entra_blocks};
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Presence, Reading, RefMode, Resource, Scope};

declare_rule!(
    KubeconfigExported,
    "AKS107",
    [Block(RootOutput), Block(LocalFile)]
);

const ADMIN: [&str; 2] = ["kube_admin_config_raw", "kube_admin_config"];
const USER: [&str; 2] = ["kube_config_raw", "kube_config"];
/// The parts of a `kube_config` / `kube_admin_config` block that are secrets.
const SECRET_FIELDS: [&str; 2] = ["client_key", "password"];

const HELP: &str = "remove it: people get a kubeconfig with `az aks get-credentials` and sign in with Entra ID through `kubelogin`, and pipelines with `kubelogin convert-kubeconfig -l workloadidentity` (or `-l azurecli`); set `local_account_disabled = true` on the cluster so that no static kubeconfig is issued at all";

/// What a reading exports, from the least to the most serious (the message tells the worst).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Exported {
    /// The admin kubeconfig of a cluster whose local accounts are disabled: empty today.
    AdminDormant,
    /// The user kubeconfig of a cluster with local accounts and without Entra ID integration.
    User,
    /// The admin kubeconfig.
    Admin,
}

impl Rule for KubeconfigExported {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let output = res.kind == "output";
        let key = if output { "value" } else { "content" };
        let (Some(attr), Some(readings)) = (res.attr(key), res.readings(key)) else {
            return;
        };
        let mut found: Vec<(Exported, String)> = Vec::new();
        for r in &readings {
            let e = match r.calls.split_first() {
                None => exported(res.scope(), r),
                Some((first, rest)) => {
                    instance(res.scope(), first, rest).and_then(|s| exported(&s, r))
                }
            };
            if let Some(e) = e {
                let read = format!("`{}.{}`", r.address(), r.path[0]);
                let shown = match &r.through {
                    Some(t) => format!("`{t}` ({read})"),
                    None => read,
                };
                if !found.iter().any(|(_, s)| *s == shown) {
                    found.push((e, shown));
                }
            }
        }
        let Some(worst) = found.iter().map(|(e, _)| *e).max() else {
            return;
        };
        let names = found
            .iter()
            .map(|(_, s)| s.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let what = match worst {
            Exported::Admin => "the cluster-admin client certificate, which bypasses Entra ID and its audit trail".to_string(),
            Exported::AdminDormant => "the cluster-admin kubeconfig, empty while `local_account_disabled = true` but holding the cluster-admin client certificate again the day local accounts are enabled".to_string(),
            Exported::User => "a static client certificate that bypasses Entra ID and its audit trail, since the cluster keeps local accounts and has no Entra ID integration".to_string(),
        };
        let message = if output {
            let sensitive = res
                .attr("sensitive")
                .and_then(|a| a.value.as_bool())
                .unwrap_or(false);
            let note = if sensitive {
                " (`sensitive = true` only hides it from plan and apply output: the state holds it in clear text)"
            } else {
                ""
            };
            format!(
                "output `{}` exports {names}: {what}; whoever reads the state or runs `terraform output` gets it{note}",
                res.name
            )
        } else {
            format!(
                "`{}` writes {names} to disk: {what}; the file is easily committed or copied off the machine",
                res.address
            )
        };
        let f = cx.report(&attr.file, attr.key_span, message, HELP);
        if !output {
            f.severity = Severity::Error;
        }
    }
}

/// The instance that the calls `first`, then `rest`, make from `scope`.
fn instance<'m>(scope: &Scope<'m>, first: &str, rest: &[std::sync::Arc<str>]) -> Option<Scope<'m>> {
    let mut s = scope.instance(first)?;
    for c in rest {
        s = s.instance(c)?;
    }
    Some(s)
}

/// What a reading exports, if it is a kubeconfig that holds (or may later hold) a credential;
/// `scope` is the instance that declares the resource read.
fn exported(scope: &Scope<'_>, r: &Reading) -> Option<Exported> {
    if &*r.kind != CLUSTER {
        return None;
    }
    let first = r.path.first()?;
    let admin = ADMIN.contains(&&**first);
    if !admin && !USER.contains(&&**first) {
        return None;
    }
    // `kube_config[0].host`: a part of the block that is no secret.
    if first.ends_with("_config")
        && let Some(field) = r.path.get(1)
        && !SECRET_FIELDS.contains(&&**field)
    {
        return None;
    }
    let cluster = match r.mode {
        RefMode::Data => None,
        RefMode::Managed => Some(
            scope
                .resources_of(CLUSTER)
                .into_iter()
                .find(|c| c.name == &*r.name)?,
        ),
    };
    let local_accounts_disabled = cluster
        .as_ref()
        .and_then(|c| Setting::of(c.attr("local_account_disabled")).bool_or(false));
    if admin {
        return Some(match local_accounts_disabled {
            Some(true) => Exported::AdminDormant,
            _ => Exported::Admin,
        });
    }
    // The user kubeconfig holds a static certificate only without the Entra ID integration (with
    // it, the kubeconfig tells `kubelogin` to sign in), and only with local accounts enabled.
    let no_entra = cluster.as_ref().is_some_and(|c| {
        entra_blocks(c)
            .iter()
            .all(|(_, p)| *p == Presence::KnownEmpty)
    });
    (local_accounts_disabled == Some(false) && no_entra).then_some(Exported::User)
}
