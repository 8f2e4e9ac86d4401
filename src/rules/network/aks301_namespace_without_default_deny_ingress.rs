//! AKS301 namespace-without-default-deny-ingress: a namespace that holds scanned workloads has no
//! NetworkPolicy with `podSelector: {}`, `Ingress` among its policy types and no ingress rules.
//! Namespaces AKS runs (`kube-system`, `kube-public`, `kube-node-lease`) and those listed in
//! `managed-elsewhere` are not judged.

use super::coverage::{PoliciesElsewhere, missing_default_deny};
use crate::declare_rule;
use crate::index::Index;
use crate::rules::{IndexCtx, Rule};

declare_rule!(
    NamespaceWithoutDefaultDenyIngress,
    "AKS301",
    [Index],
    params = PoliciesElsewhere
);

impl Rule for NamespaceWithoutDefaultDenyIngress {
    fn check_index(&self, index: &Index, cx: &mut IndexCtx<'_>) {
        missing_default_deny(index, cx, true);
    }
}
