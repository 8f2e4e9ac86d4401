//! AKS409 host-port: a container port with a non-zero `hostPort`. One finding per container, at
//! the first such port; ephemeral containers (which cannot declare ports) are skipped.

use crate::declare_rule;
use crate::k8s::{ContainerKind, Workload};
use crate::rules::{K8sCtx, Rule};

declare_rule!(HostPort, "AKS409", [Workloads]);

const HELP: &str = "remove `hostPort` from the container's `ports` and expose the port through a Service (a ClusterIP behind an ingress controller, or a LoadBalancer annotated `service.beta.kubernetes.io/azure-load-balancer-internal: \"true\"`)";

impl Rule for HostPort {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        for c in &w.containers {
            if c.kind == ContainerKind::Ephemeral {
                continue;
            }
            let doc = c.doc;
            let Some(ports) = c.entry("ports") else {
                continue;
            };
            let mut hits: Vec<_> = doc
                .seq(ports.value)
                .filter(|&p| doc.is_map(p))
                .filter_map(|p| {
                    let e = doc.entry(p, "hostPort")?;
                    let host = doc.int(e.value).filter(|&n| n != 0)?;
                    let container = doc.get(p, "containerPort").and_then(|v| doc.int(v));
                    Some((e, host, container))
                })
                .collect();
            hits.sort_by_key(|(e, _, _)| doc.span(e.key).start);
            let Some(&(first, _, _)) = hits.first() else {
                continue;
            };
            let named: Vec<String> = hits
                .iter()
                .map(|&(_, host, container)| match container {
                    Some(cp) if cp != host => format!("{host} (containerPort {cp})"),
                    _ => host.to_string(),
                })
                .collect();
            let noun = if hits.len() == 1 { "port" } else { "ports" };
            cx.report(
                doc.entry_span(first),
                format!(
                    "{} binds {noun} {} on the node's own address (`hostPort`)",
                    c.describe(),
                    named.join(", ")
                ),
                HELP,
            );
        }
    }
}
