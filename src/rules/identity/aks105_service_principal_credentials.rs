//! AKS105 service-principal-credentials: an `azurerm_kubernetes_cluster` with a
//! `service_principal { client_id, client_secret }` block instead of a managed `identity { … }`.
//! A `dynamic "service_principal"` block counts when its `for_each` is known non-empty (modules
//! usually switch it on when a client ID and secret are given); unknown is silent. Anchored at
//! the block header.

use crate::declare_rule;
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Presence, Resource};

declare_rule!(ServicePrincipalCredentials, "AKS105", [Azure(Cluster)]);

const HELP: &str = "replace the `service_principal` block with a managed identity: `identity { type = \"SystemAssigned\" }` (or `type = \"UserAssigned\"` with `identity_ids`); existing clusters can be migrated in place with `az aks update --enable-managed-identity`";

impl Rule for ServicePrincipalCredentials {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        for block in res.blocks("service_principal") {
            if block.presence != Presence::KnownNonEmpty {
                continue;
            }
            let message = if block.dynamic {
                "the cluster authenticates to Azure with a service principal (a `dynamic \"service_principal\"` block that is generated here): its client secret sits in the Terraform state and on every node, and expires unless someone rotates it"
            } else {
                "the cluster authenticates to Azure with a service principal (`service_principal` block): its client secret sits in the Terraform state and on every node, and expires unless someone rotates it"
            };
            cx.report(block.file(), block.span(), message, HELP);
        }
    }
}
