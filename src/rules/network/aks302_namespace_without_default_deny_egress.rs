//! AKS302 namespace-without-default-deny-egress: a namespace that holds scanned workloads has no
//! NetworkPolicy with `podSelector: {}`, `Egress` among its policy types and no egress rules.
//! Namespaces AKS runs and those listed in `managed-elsewhere` are not judged.

use super::coverage::{PoliciesElsewhere, missing_default_deny};
use crate::declare_rule;
use crate::index::Index;
use crate::rules::{IndexCtx, Rule};

declare_rule!(
    NamespaceWithoutDefaultDenyEgress,
    "AKS302",
    [Index],
    params = PoliciesElsewhere
);

impl Rule for NamespaceWithoutDefaultDenyEgress {
    fn check_index(&self, index: &Index, cx: &mut IndexCtx<'_>) {
        missing_default_deny(index, cx, false);
    }
}
