//! AKS703 defender-disabled: the cluster has no `microsoft_defender` block, and no
//! `azurerm_security_center_subscription_pricing` in the scanned configuration turns on Defender
//! for Containers (`resource_type = "Containers"`, legacy `KubernetesService`; `tier =
//! "Standard"`). A plan that may be one (unknown type, tier or count; a module call whose name
//! says Defender) silences it. `[rules.AKS703] managed-elsewhere = true` silences the "none
//! found" case only: a containers plan written with `tier = "Free"` is still reported.

use super::ManagedElsewhere;
use crate::declare_rule;

use crate::rules::{Rule, TfCtx};
use crate::terraform::index::PlanState;
use crate::terraform::{Presence, Resource};

declare_rule!(
    DefenderDisabled,
    "AKS703",
    [Azure(Cluster)],
    params = ManagedElsewhere
);

impl Rule for DefenderDisabled {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        // A block written in attribute syntax (`microsoft_defender = …`) is not the provider's syntax, but
        // not a reason to call the block missing either.
        if res.attr("microsoft_defender").is_some() {
            return;
        }
        let mut anchor = (res.span(), String::new());
        for b in res.blocks("microsoft_defender") {
            match b.presence {
                Presence::KnownNonEmpty | Presence::Unknown => return,
                Presence::KnownEmpty => {
                    anchor = (
                        b.span(),
                        " (its `dynamic \"microsoft_defender\"` block has an empty `for_each`)"
                            .into(),
                    );
                }
            }
        }
        let file = res.file.clone();
        cx.with_index(move |index, cx| {
            let mut free = None;
            for p in index.defender_plans() {
                match p.state {
                    PlanState::Standard | PlanState::Unknown => return,
                    PlanState::Free => {
                        free.get_or_insert(p);
                    }
                }
            }
            let (span, why) = anchor;
            let add = "add `microsoft_defender { log_analytics_workspace_id = azurerm_log_analytics_workspace.x.id }` to the cluster";
            match free {
                Some(p) => {
                    cx.report(
                        &file,
                        span,
                        format!(
                            "Defender for Containers is off: the cluster has no `microsoft_defender` \
                             block{why}, and {} sets the containers plan to `tier = \"Free\"`",
                            p.address
                        ),
                        format!(
                            "set `tier = \"Standard\"` in {} (with `resource_type = \"Containers\"`), or {add}",
                            p.address
                        ),
                    );
                }
                None if cx.params::<ManagedElsewhere>().managed_elsewhere => {}
                None => {
                    cx.report(
                        &file,
                        span,
                        format!(
                            "the cluster has no `microsoft_defender` block{why}, and no \
                             `azurerm_security_center_subscription_pricing` in the scanned \
                             configuration turns on Defender for Containers (`resource_type = \
                             \"Containers\"`, `tier = \"Standard\"`)"
                        ),
                        format!(
                            "{add}, or enable the plan for the subscription with `resource \
                             \"azurerm_security_center_subscription_pricing\" \"containers\" {{ tier = \
                             \"Standard\", resource_type = \"Containers\" }}`; if the plan is managed \
                             outside this configuration, set `managed-elsewhere = true` under \
                             `[rules.AKS703]` in akslint.toml"
                        ),
                    );
                }
            }
        });
    }
}
