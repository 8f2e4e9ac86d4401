//! What the cross-layer rules know of the scanned Terraform: its AKS clusters (what they provide
//! to the pods that run on them) and its federated identity credentials — extracted by the
//! Terraform stage from every evaluated module instance (`engine/terraform/facts.rs`), with
//! positions resolved, and joined to the manifests' index of the same project.

use super::Anchor;
use std::path::PathBuf;

/// The Terraform facts of a run (or of one project).
#[derive(Debug, Default, Clone)]
pub struct TfFacts {
    pub clusters: Vec<ClusterFacts>,
    pub credentials: Vec<CredentialFacts>,
}

impl TfFacts {
    pub fn extend(&mut self, other: TfFacts) {
        self.clusters.extend(other.clusters);
        self.credentials.extend(other.credentials);
    }

    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty() && self.credentials.is_empty()
    }
}

/// An `azurerm_kubernetes_cluster` instance.
#[derive(Debug, Clone)]
pub struct ClusterFacts {
    /// `module.aks.azurerm_kubernetes_cluster.main`
    pub address: String,
    /// The directory of the module that declares it.
    pub dir: PathBuf,
    /// The resource header.
    pub anchor: Anchor,
    /// It certainly exists (else its `count`/`for_each` is unknown: it may).
    pub exists: bool,
    /// Its file is in report scope (named, not read for context).
    pub reported: bool,
    /// It certainly enforces no NetworkPolicy (what AKS312 reports).
    pub no_policy_engine: bool,
    /// `workload_identity_enabled` and `oidc_issuer_enabled` in effect (`None`: unknown).
    pub workload_identity: Option<bool>,
    pub oidc_issuer: Option<bool>,
    /// The Key Vault secrets provider add-on: on, off, or unknown.
    pub key_vault_provider: Option<bool>,
}

/// An `azurerm_federated_identity_credential` instance.
#[derive(Debug, Clone)]
pub struct CredentialFacts {
    pub address: String,
    pub dir: PathBuf,
    pub anchor: Anchor,
    pub exists: bool,
    pub reported: bool,
    /// Its `subject` (`system:serviceaccount:<namespace>:<name>`); `None` when unknown.
    pub subject: Option<String>,
}

impl CredentialFacts {
    /// The ServiceAccount (namespace, name) its subject names, when it names one.
    pub fn service_account(&self) -> Option<(&str, &str)> {
        let rest = self
            .subject
            .as_deref()?
            .strip_prefix("system:serviceaccount:")?;
        let (ns, name) = rest.split_once(':')?;
        (!ns.is_empty() && !name.is_empty() && !name.contains(':')).then_some((ns, name))
    }
}
