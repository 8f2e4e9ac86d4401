//! AKS313 unrestricted-egress: a cluster whose `network_profile.outbound_type` is absent (the
//! default, `loadBalancer`) or `loadBalancer`, or that has no `network_profile` at all. Egress
//! through user-defined routing (a firewall), a NAT gateway or `none` is silent, and so is any
//! other value (a newer outbound type).

use crate::declare_rule;
use crate::rules::azurerm::{Setting, is, network_profile, report_attr, shown_written};
use crate::rules::{Rule, TfCtx};
use crate::terraform::{Present, Resource};

declare_rule!(UnrestrictedEgress, "AKS313", [Azure(Cluster)]);

const HELP: &str = "send egress through Azure Firewall (or another appliance): set `outbound_type = \"userDefinedRouting\"` in `network_profile` and attach a route table to the node subnet whose `0.0.0.0/0` route points at the firewall; or use a NAT gateway (`managedNATGateway`, `userAssignedNATGateway`) for fixed egress addresses";

const HELP_BLOCK: &str = "add a `network_profile` block with `network_plugin = \"azure\"` and `outbound_type = \"userDefinedRouting\"`, and attach a route table to the node subnet whose `0.0.0.0/0` route points at Azure Firewall (or use `managedNATGateway` / `userAssignedNATGateway` for a NAT gateway)";

const WHY: &str = "pods and nodes reach any address on the internet through the cluster load balancer, with nothing to filter or log the traffic";

impl Rule for UnrestrictedEgress {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        let profile = match network_profile(res) {
            Present::Missing => {
                cx.report(
                    &res.file,
                    res.span(),
                    format!(
                        "the cluster has no `network_profile` block, so egress uses the default `outbound_type`, `loadBalancer`: {WHY}"
                    ),
                    HELP_BLOCK,
                );
                return;
            }
            // One that may be there (`dynamic`, unknown `for_each`): its content is judged.
            Present::Block(b) | Present::Unknown(b) => b,
        };
        match Setting::of(profile.attr("outbound_type")) {
            Setting::NotWritten => {
                cx.report(
                    profile.file(),
                    profile.span(),
                    format!("`network_profile` sets no `outbound_type`, so egress uses the default, `loadBalancer`: {WHY}"),
                    HELP,
                );
            }
            Setting::Null(a) => {
                report_attr(
                    cx,
                    &a,
                    format!(
                        "egress leaves through the load balancer, the default ({}): {WHY}",
                        shown_written(res, &a, "outbound_type")
                    ),
                    HELP,
                );
            }
            Setting::Known(a) if is(&a, "loadBalancer") => {
                report_attr(
                    cx,
                    &a,
                    format!(
                        "egress leaves through the load balancer ({}): {WHY}",
                        shown_written(res, &a, "outbound_type")
                    ),
                    HELP,
                );
            }
            Setting::Known(_) | Setting::Unknown => {}
        }
    }
}
