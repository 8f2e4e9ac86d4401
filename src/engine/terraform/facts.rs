//! The facts the cross-layer rules read of each evaluated cluster and federated identity
//! credential (see [`crate::index::terraform`]), in the rule kit's own terms, so that a cluster
//! AKS312 reports is a cluster AKS314 sees without an engine.

use crate::index::Anchor;
use crate::index::terraform::{ClusterFacts, CredentialFacts, TfFacts};
use crate::rules::azurerm::{
    OIDC_ISSUER, SecretsProvider, WORKLOAD_IDENTITY, certainly_no_policy_engine, enabled,
    oidc_issuer_default, secrets_provider,
};
use crate::source::{LineIndex, Pos};
use crate::terraform::{AzureKind, Majors, Resource};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The facts of one resource, when it is of a kind the cross-layer rules read and may exist.
/// Positions are resolved later ([`resolve`]): only the file's name and span are known here.
pub(super) fn of(res: &Resource<'_>, address: String, majors: Majors, facts: &mut TfFacts) {
    if !res.declares() {
        return;
    }
    let exists = match res.exists() {
        Some(false) => return,
        e => e == Some(true),
    };
    let anchor = Anchor {
        file: res.file.clone(),
        span: res.span(),
        start: Pos::default(),
        end: Pos::default(),
        path: None,
    };
    let dir = Path::new(&*res.file)
        .parent()
        .unwrap_or(Path::new(""))
        .to_path_buf();
    // An azapi body's OIDC issuer default depends on the Kubernetes version: unknown.
    let oidc_default = if res.arm.is_some() {
        None
    } else {
        oidc_issuer_default(majors)
    };
    match res.azure {
        Some(AzureKind::Cluster) => facts.clusters.push(ClusterFacts {
            address,
            dir,
            anchor,
            exists,
            reported: true,
            no_policy_engine: certainly_no_policy_engine(res),
            workload_identity: enabled(res, WORKLOAD_IDENTITY, Some(false)),
            oidc_issuer: enabled(res, OIDC_ISSUER, oidc_default),
            key_vault_provider: match secrets_provider(res) {
                SecretsProvider::Enabled(_) => Some(true),
                SecretsProvider::Disabled(_) => Some(false),
                SecretsProvider::Maybe(_) | SecretsProvider::Unknown => None,
            },
        }),
        Some(AzureKind::FederatedCredential) => facts.credentials.push(CredentialFacts {
            address,
            dir,
            anchor,
            exists,
            reported: true,
            subject: res
                .attr("subject")
                .and_then(|a| a.value.as_str().map(str::to_string)),
        }),
        _ => {}
    }
}

/// Resolves the anchors' positions with the files' texts, marks what is only context, and keeps
/// each instance once (two roots that call one child under one name evaluate it twice).
pub(super) fn resolve<'t>(
    mut facts: TfFacts,
    text_of: impl Fn(&str) -> Option<&'t str>,
    in_scope: impl Fn(&str) -> bool,
) -> TfFacts {
    let mut lines: BTreeMap<Arc<str>, (&str, LineIndex)> = BTreeMap::new();
    let mut fix = |a: &mut Anchor| {
        let (text, index) = lines.entry(a.file.clone()).or_insert_with(|| {
            let text = text_of(&a.file).unwrap_or("");
            (text, LineIndex::new(text))
        });
        a.start = index.pos(text, a.span.start as usize);
        a.end = index.pos(text, a.span.end as usize);
    };
    for c in &mut facts.clusters {
        fix(&mut c.anchor);
        c.reported = in_scope(&c.anchor.file);
    }
    for c in &mut facts.credentials {
        fix(&mut c.anchor);
        c.reported = in_scope(&c.anchor.file);
    }
    facts
        .clusters
        .sort_by(|a, b| (&a.address, &a.anchor).cmp(&(&b.address, &b.anchor)));
    facts
        .clusters
        .dedup_by(|a, b| a.address == b.address && a.anchor == b.anchor);
    facts
        .credentials
        .sort_by(|a, b| (&a.address, &a.anchor).cmp(&(&b.address, &b.anchor)));
    facts
        .credentials
        .dedup_by(|a, b| a.address == b.address && a.anchor == b.anchor);
    facts
}
