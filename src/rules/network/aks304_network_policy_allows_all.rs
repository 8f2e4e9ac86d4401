//! AKS304 network-policy-allows-all: one finding per rule of a NetworkPolicy (networking.k8s.io)
//! that lets in, or out, more than any policy should:
//!
//! - an ingress rule without `from` (absent, null or `[]`), an egress rule without `to`; an
//!   ingress rule without `from` but limited to `ports` is a **note** naming the ports (the usual
//!   shape for admission webhooks and node-level callers, which are not pods and cannot be
//!   selected);
//! - a peer with an empty `namespaceSelector` and no (or an empty) `podSelector`: every pod of
//!   every namespace;
//! - a peer whose `ipBlock.cidr` has prefix length 0 (`0.0.0.0/0`, `::/0`), `except` or not: the
//!   exceptions carve out ranges, the rest of the internet stays allowed;
//! - an empty peer `{}` (the API server rejects it; the author meant "everyone").
//!
//! Egress rules whose ports are all DNS (`port: 53` as a number, protocol TCP, UDP or unset, no
//! wider `endPort`) are exempt, whatever their `to`. A direction that `policyTypes` leaves out is
//! not enforced, so its rules are not judged. `ingress: []` and an absent `ingress` deny (or do not
//! touch) traffic: nothing to report. Anchors: the rule item when `from`/`to` is missing, the
//! `from`/`to` entry when it is `[]`, else the first offending peer's key (`namespaceSelector`,
//! `cidr`) or the peer itself; the message names every offending peer of the rule.

use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::k8s::Object;
use crate::rules::{K8sCtx, Rule};
use crate::source::Span;
use crate::yaml::{Document, NodeId};
use std::net::IpAddr;

declare_rule!(
    NetworkPolicyAllowsAll,
    "AKS304",
    [Kinds(&["NetworkPolicy"])]
);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dir {
    Ingress,
    Egress,
}

impl Dir {
    fn key(self) -> &'static str {
        match self {
            Dir::Ingress => "ingress",
            Dir::Egress => "egress",
        }
    }
    fn policy_type(self) -> &'static str {
        match self {
            Dir::Ingress => "Ingress",
            Dir::Egress => "Egress",
        }
    }
    fn peers(self) -> &'static str {
        match self {
            Dir::Ingress => "from",
            Dir::Egress => "to",
        }
    }
    fn everyone(self) -> &'static str {
        match self {
            Dir::Ingress => "traffic from every source",
            Dir::Egress => "traffic to every destination",
        }
    }
}

/// Why a peer is too wide.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wide {
    AllNamespaces,
    AnyAddress,
    Empty,
}

impl Rule for NetworkPolicyAllowsAll {
    fn check_k8s(&self, obj: &Object<'_, '_>, cx: &mut K8sCtx<'_>) {
        if obj.kind != "NetworkPolicy"
            || !(obj.api_version.starts_with("networking.k8s.io/")
                || obj.api_version == "extensions/v1beta1")
        {
            return;
        }
        let doc = obj.doc;
        let Some(spec) = doc.get(obj.node, "spec").filter(|&s| doc.is_map(s)) else {
            return;
        };
        // `policyTypes`, when given as a list, says which directions the policy enforces.
        // An empty or absent list defaults from the presence of `ingress`/`egress`.
        let types: Vec<&str> = doc
            .get(spec, "policyTypes")
            .map(|t| doc.seq(t).filter_map(|i| doc.str(i)).collect())
            .unwrap_or_default();
        for dir in [Dir::Ingress, Dir::Egress] {
            if !types.is_empty() && !types.contains(&dir.policy_type()) {
                continue;
            }
            let Some(rules) = doc.get(spec, dir.key()) else {
                continue;
            };
            for (index, rule) in doc.seq(rules).enumerate() {
                judge_rule(doc, dir, index, rule, cx);
            }
        }
    }
}

fn judge_rule(doc: &Document<'_>, dir: Dir, index: usize, rule: NodeId, cx: &mut K8sCtx<'_>) {
    // A null item decodes as an empty rule; anything else that is not a mapping is invalid.
    if !doc.is_map(rule) && !doc.is_null(rule) {
        return;
    }
    if dir == Dir::Egress && dns_only(doc, rule) {
        return;
    }
    let at = format!("`spec.{}[{index}]`", dir.key());
    let ports = ports_shown(doc, rule);
    let peers_key = dir.peers();
    let entry = doc.entry(rule, peers_key).filter(|e| !doc.is_null(e.value));
    let Some(entry) = entry else {
        let why = format!("it has no `{peers_key}`");
        report_no_peers(cx, doc.span(rule), dir, rule, doc, &at, &why);
        return;
    };
    if doc.is_map(entry.value) || doc.str(entry.value).is_some() {
        return; // not a list: invalid, the API server rejects it
    }
    let peers: Vec<NodeId> = doc.seq(entry.value).collect();
    if peers.is_empty() {
        let why = format!("`{peers_key}: []` is the same as no `{peers_key}`");
        report_no_peers(cx, doc.entry_span(entry), dir, rule, doc, &at, &why);
        return;
    }
    let mut wide: Vec<(Span, Wide, String)> = peers
        .into_iter()
        .filter_map(|p| wide_peer(doc, p))
        .collect();
    if wide.is_empty() {
        return;
    }
    wide.sort_by_key(|(span, _, _)| span.start);
    let named: Vec<&str> = wide.iter().map(|(_, _, s)| s.as_str()).collect();
    let kinds: Vec<Wide> = wide.iter().map(|&(_, k, _)| k).collect();
    let help: Vec<&str> = [Wide::AllNamespaces, Wide::AnyAddress, Wide::Empty]
        .into_iter()
        .filter(|k| kinds.contains(k))
        .map(|k| help_peer(dir, k))
        .collect();
    cx.report(
        wide[0].0,
        format!(
            "{at} allows traffic {peers_key} {} {ports}",
            named.join(" and ")
        ),
        help.join("; "),
    );
}

/// A rule that names no peer: every source or destination. An ingress rule limited to ports is a
/// note (webhooks and node-level callers are not pods: no `from` can select them).
fn report_no_peers(
    cx: &mut K8sCtx<'_>,
    span: Span,
    dir: Dir,
    rule: NodeId,
    doc: &Document<'_>,
    at: &str,
    why: &str,
) {
    let ports = ports_shown(doc, rule);
    if dir == Dir::Ingress && has_ports(doc, rule) {
        cx.report(
            span,
            format!(
                "{at} admits every source, limited to {} ({why}): fine for an admission webhook or a node-level caller, which are not pods; otherwise name the sources",
                ports.trim_start_matches("on ")
            ),
            HELP_PORT_SCOPED,
        )
        .severity = Severity::Note;
        return;
    }
    cx.report(
        span,
        format!("{at} allows {} {ports}: {why}", dir.everyone()),
        help_missing(dir),
    );
}

/// Whether the rule lists `ports` (an empty or absent list means every port).
fn has_ports(doc: &Document<'_>, rule: NodeId) -> bool {
    doc.get(rule, "ports")
        .is_some_and(|p| doc.seq(p).next().is_some())
}

const HELP_PORT_SCOPED: &str = "if the callers are pods, list them under `from:` (e.g. `from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress}}}]`); if they are the API server (a webhook) or node-level agents, keep the rule and say so in a suppression: `# akslint-ignore: AKS304 -- admission webhook`";

/// The peer's span and why it is too wide, or `None` when it is narrow enough.
fn wide_peer(doc: &Document<'_>, peer: NodeId) -> Option<(Span, Wide, String)> {
    if !doc.is_map(peer) && !doc.is_null(peer) {
        return None;
    }
    let set = |key: &str| doc.entry(peer, key).filter(|e| !doc.is_null(e.value));
    let (ns, pods, ip) = (set("namespaceSelector"), set("podSelector"), set("ipBlock"));
    if let Some(ip) = ip {
        let cidr = doc.entry(ip.value, "cidr")?;
        let value = doc.str(cidr.value)?;
        if !matches_everything(value) {
            return None;
        }
        let except: Vec<&str> = doc
            .get(ip.value, "except")
            .map(|e| doc.seq(e).filter_map(|i| doc.str(i)).collect())
            .unwrap_or_default();
        let shown = if except.is_empty() {
            format!("every address (`ipBlock.cidr: {value}`)")
        } else {
            format!(
                "every address but a few (`ipBlock.cidr: {value}` except {})",
                except.join(", ")
            )
        };
        return Some((doc.entry_span(cidr), Wide::AnyAddress, shown));
    }
    if let Some(ns) = ns {
        if !empty_selector(doc, ns.value) {
            return None;
        }
        let shown = match pods {
            None => {
                "every pod in every namespace (`namespaceSelector: {}` without a `podSelector`)"
            }
            Some(p) if empty_selector(doc, p.value) => {
                "every pod in every namespace (`namespaceSelector: {}` with `podSelector: {}`)"
            }
            Some(_) => return None,
        };
        return Some((doc.entry_span(ns), Wide::AllNamespaces, shown.to_string()));
    }
    if pods.is_none() {
        return Some((
            doc.span(peer),
            Wide::Empty,
            "an empty peer `{}` (invalid: a peer needs a selector or an `ipBlock`)".to_string(),
        ));
    }
    None
}

/// A label selector that selects everything: a mapping without match labels or expressions.
fn empty_selector(doc: &Document<'_>, sel: NodeId) -> bool {
    if !doc.is_map(sel) {
        return false;
    }
    doc.entries(sel).into_iter().all(|e| {
        let empty_value = doc.is_null(e.value)
            || (doc.str(e.value).is_none()
                && doc.raw_entries(e.value).is_empty()
                && doc.seq(e.value).next().is_none());
        match doc.str(e.key) {
            Some("matchLabels" | "matchExpressions") => empty_value,
            _ => true,
        }
    })
}

/// A CIDR with prefix length 0: the whole IPv4 or IPv6 address space.
fn matches_everything(cidr: &str) -> bool {
    let Some((addr, len)) = cidr.trim().split_once('/') else {
        return false;
    };
    addr.parse::<IpAddr>().is_ok() && len.parse::<u8>() == Ok(0)
}

/// All ports of the rule are DNS: `port: 53` (a number), TCP or UDP, no wider `endPort`.
fn dns_only(doc: &Document<'_>, rule: NodeId) -> bool {
    let Some(ports) = doc.get(rule, "ports") else {
        return false;
    };
    let mut items = doc.seq(ports).peekable();
    if items.peek().is_none() {
        return false;
    }
    items.all(|p| {
        let set = |k: &str| doc.get(p, k).filter(|&v| !doc.is_null(v));
        let port_ok = set("port").and_then(|v| doc.int(v)) == Some(53);
        let end_ok = set("endPort").is_none_or(|v| doc.int(v) == Some(53));
        let proto_ok = set("protocol").is_none_or(|v| matches!(doc.str(v), Some("TCP" | "UDP")));
        port_ok && end_ok && proto_ok
    })
}

/// `on every port`, `on port 443/TCP`, `on ports 443/TCP, 8000-8080/TCP`, `on all UDP ports`.
fn ports_shown(doc: &Document<'_>, rule: NodeId) -> String {
    let items: Vec<NodeId> = doc
        .get(rule, "ports")
        .map(|p| doc.seq(p).collect())
        .unwrap_or_default();
    if items.is_empty() {
        return "on every port".to_string();
    }
    let shown: Vec<String> = items
        .into_iter()
        .map(|p| {
            let val = |k: &str| {
                doc.get(p, k)
                    .filter(|&v| !doc.is_null(v) && doc.str(v).is_some())
                    .map(|v| doc.shown(v))
            };
            let proto = doc
                .get(p, "protocol")
                .filter(|&v| !doc.is_null(v))
                .and_then(|v| doc.str(v))
                .unwrap_or("TCP");
            match (val("port"), val("endPort")) {
                (Some(port), Some(end)) => format!("{port}-{end}/{proto}"),
                (Some(port), None) => format!("{port}/{proto}"),
                (None, _) => format!("all {proto} ports"),
            }
        })
        .collect();
    let numbered = shown.iter().all(|s| !s.starts_with("all "));
    let noun = match (numbered, shown.len()) {
        (false, _) => "",
        (true, 1) => "port ",
        (true, _) => "ports ",
    };
    format!("on {noun}{}", shown.join(", "))
}

fn help_missing(dir: Dir) -> &'static str {
    match dir {
        Dir::Ingress => {
            "list the allowed sources under `from:`, e.g. `from: [{podSelector: {matchLabels: {app: web}}}]`, or for an ingress controller in another namespace `from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress}}, podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}}]`"
        }
        Dir::Egress => {
            "list the allowed destinations under `to:`, e.g. `to: [{podSelector: {matchLabels: {app: db}}}]` or `to: [{ipBlock: {cidr: 10.20.0.0/16}}]`; a rule for DNS alone may keep no `to` if its `ports` are only `{port: 53, protocol: UDP}` and `{port: 53, protocol: TCP}`"
        }
    }
}

fn help_peer(dir: Dir, why: Wide) -> &'static str {
    match (why, dir) {
        (Wide::AllNamespaces, _) => {
            "narrow the peer: `namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: <namespace>}}` and, in the same peer, a `podSelector` for the pods that need access"
        }
        (Wide::AnyAddress, Dir::Ingress) => {
            "replace the `/0` block with the ranges that must reach the pods, e.g. the Application Gateway or Azure Firewall subnet (`ipBlock: {cidr: 10.0.1.0/24}`)"
        }
        (Wide::AnyAddress, Dir::Egress) => {
            "replace the `/0` block with the ranges the pods must reach (`ipBlock: {cidr: 10.20.0.0/16}`), and send internet traffic through Azure Firewall with FQDN rules instead of opening every address"
        }
        (Wide::Empty, _) => {
            "name the peer: `podSelector`, `namespaceSelector` (with a `podSelector`) or a narrow `ipBlock`"
        }
    }
}
