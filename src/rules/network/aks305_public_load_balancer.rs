//! AKS305 public-load-balancer: a Service of `type: LoadBalancer` without the annotation
//! `service.beta.kubernetes.io/azure-load-balancer-internal: "true"`, anchored at the `type` entry.
//!
//! The Azure cloud provider compares the annotation with the string `"true"` exactly: `"True"`,
//! `"yes"` or `"1"` give a public load balancer and fire. A plain (unquoted) YAML boolean `true`
//! (`yes`, `on`… in YAML 1.1) is read as `"true"`: the API server rejects a non-string annotation,
//! so such a Service never gets a public IP (quoting it is a matter for the apply, not for this
//! rule). `loadBalancerSourceRanges` does not make the load balancer internal: it still fires, and
//! the message names the ranges. A private `loadBalancerIP` without the annotation is still
//! reported (the fix is the same); the message explains that the Service stays pending.

use crate::declare_rule;
use crate::k8s::Object;
use crate::rules::{K8sCtx, Rule};
use std::net::IpAddr;

declare_rule!(PublicLoadBalancer, "AKS305", [Kinds(&["Service"])]);

const INTERNAL: &str = "service.beta.kubernetes.io/azure-load-balancer-internal";
const INTERNAL_SUBNET: &str = "service.beta.kubernetes.io/azure-load-balancer-internal-subnet";

const HELP: &str = "make it internal: `metadata: {annotations: {service.beta.kubernetes.io/azure-load-balancer-internal: \"true\"}}` (optionally `service.beta.kubernetes.io/azure-load-balancer-internal-subnet: <subnet>`), and publish it to the internet, if it must be, through Application Gateway (for Containers) or Azure Front Door with a WAF; a Service that only needs in-cluster clients should be `type: ClusterIP`";

impl Rule for PublicLoadBalancer {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        if obj.kind != "Service" || obj.api_version != "v1" {
            return;
        }
        let doc = obj.doc;
        let Some(spec) = doc.get(obj.node, "spec") else {
            return;
        };
        let Some(ty) = doc.entry(spec, "type") else {
            return;
        };
        if doc.str(ty.value) != Some("LoadBalancer") {
            return;
        }

        let annotations = obj.metadata.and_then(|m| doc.get(m.value, "annotations"));
        let internal = annotations.and_then(|a| doc.get(a, INTERNAL));
        let private_ip = doc
            .get(spec, "loadBalancerIP")
            .and_then(|v| doc.str(v))
            .filter(|ip| is_private(ip));
        let lead = if private_ip.is_some() {
            "the Service asks for a public load balancer"
        } else {
            "the Service gets a public IP on the cluster's load balancer"
        };
        let mut message = match internal {
            // A plain YAML boolean: read as the string Kubernetes would need.
            Some(v) if doc.bool(v) == Some(true) => return,
            Some(v) if doc.str(v) == Some("true") => return,
            Some(v) if doc.bool(v) == Some(false) || doc.str(v) == Some("false") => {
                format!("{lead}: it sets `{INTERNAL}: {}`", doc.shown(v))
            }
            Some(v) if doc.is_null(v) => format!("{lead}: `{INTERNAL}` is empty, not \"true\""),
            Some(v) => format!(
                "{lead}: `{INTERNAL}` is {}, and only the exact string \"true\" makes it internal",
                doc.shown(v)
            ),
            None => format!(
                "{lead}: `type: LoadBalancer` without the annotation `{INTERNAL}: \"true\"`"
            ),
        };

        if internal.is_none()
            && annotations
                .and_then(|a| doc.get(a, INTERNAL_SUBNET))
                .is_some()
        {
            message.push_str(&format!(
                " (`{INTERNAL_SUBNET}` alone does not make it internal)"
            ));
        }
        if let Some(ip) = private_ip {
            message.push_str(&format!(
                "; `loadBalancerIP: {ip}` is a private address, which only an internal load balancer can take: without the annotation Azure looks for a public IP with that address and the Service stays pending"
            ));
        }
        let ranges: Vec<String> = doc
            .get(spec, "loadBalancerSourceRanges")
            .map(|r| {
                doc.seq(r)
                    .filter_map(|i| doc.str(i))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        if !ranges.is_empty() {
            message.push_str(&format!(
                "; `loadBalancerSourceRanges` ({}) limits who can connect, but the address stays public",
                ranges.join(", ")
            ));
        }
        cx.report(doc.entry_span(ty), message, HELP);
    }
}

/// A private IPv4 (RFC 1918) or unique-local IPv6 address.
fn is_private(ip: &str) -> bool {
    match ip.trim().parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.is_private(),
        Ok(IpAddr::V6(v6)) => v6.is_unique_local(),
        Err(_) => false,
    }
}
