//! AKS211 legacy-http-application-routing: `http_application_routing_enabled = true` (azurerm
//! v3+), or the v2 form `addon_profile { http_application_routing { enabled = true } }`.

use crate::declare_rule;
use crate::rules::azurerm::{Setting, report_attr, shown_written};
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Presence, Resource};

declare_rule!(LegacyHttpApplicationRouting, "AKS211", [Azure(Cluster)]);

const NAME: &str = "http_application_routing_enabled";

const HELP: &str = "remove `http_application_routing_enabled` (it defaults to false) and use the application routing add-on (a `web_app_routing` block) or an ingress controller you install, with a DNS zone you manage";

const WHY: &str = "it runs an unsupported, non-production ingress controller and publishes Ingress hosts in a public DNS zone that AKS creates";

impl Rule for LegacyHttpApplicationRouting {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        if let Some(a) = Setting::of(res.attr(NAME)).written_as(true) {
            report_attr(
                cx,
                &a,
                format!(
                    "the cluster enables the retired HTTP application routing add-on ({}): {WHY}",
                    shown_written(res, &a, NAME)
                ),
                HELP,
            );
        }
        // azurerm v2: addon_profile { http_application_routing { enabled = true } }
        for profile in res.blocks("addon_profile") {
            if profile.presence != Presence::KnownNonEmpty {
                continue;
            }
            for block in profile.blocks("http_application_routing") {
                if block.presence != Presence::KnownNonEmpty {
                    continue;
                }
                if let Some(a) = Setting::of(block.attr("enabled")).written_as(true) {
                    report_attr(
                        cx,
                        &a,
                        format!(
                            "the cluster enables the retired HTTP application routing add-on (`addon_profile.http_application_routing.enabled = true`, azurerm v2): {WHY}"
                        ),
                        HELP,
                    );
                }
            }
        }
    }
}
