//! Which azurerm major versions a module may run on (rules.md, "provider major versions are
//! sets"): the lock file's version, each `required_providers` constraint, and the spellings
//! that only some majors accept each allow a set of majors; the module's set is their
//! intersection (empty: contradictory, so unknown), or the newest major when nothing says
//! anything. Majors below 3 read as 3 (azurerm v2 forms are read as v3) and above 5 as 5.

use super::kind::{CLUSTER, DIAGNOSTIC_SETTING as DIAG, NODE_POOL as POOL, VAULT};
use super::module::{Module, SourceKind, header_span, literal_str, span_of};
use super::value::Origin;
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Block, Body};
use std::fmt;
use std::sync::Arc;

/// A set of the azurerm majors akslint knows: 3, 4, 5.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Majors(u8);

impl Majors {
    pub const OLDEST: u8 = 3;
    pub const NEWEST: u8 = 5;
    pub const ALL: Majors = Majors(0b111);
    pub const NONE: Majors = Majors(0);

    /// The set holding one major (folded into 3..=5).
    pub fn only(major: u64) -> Majors {
        let m = major.clamp(Self::OLDEST as u64, Self::NEWEST as u64) as u8;
        Majors(1 << (m - Self::OLDEST))
    }

    pub fn contains(self, major: u8) -> bool {
        (Self::OLDEST..=Self::NEWEST).contains(&major)
            && self.0 & (1 << (major - Self::OLDEST)) != 0
    }

    pub fn intersect(self, other: Majors) -> Majors {
        Majors(self.0 & other.0)
    }

    pub fn union(self, other: Majors) -> Majors {
        Majors(self.0 | other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The major when exactly one remains: only then may a rule rely on a default that
    /// changed between majors.
    pub fn single(self) -> Option<u8> {
        let mut it = self.iter();
        match (it.next(), it.next()) {
            (Some(m), None) => Some(m),
            _ => None,
        }
    }

    pub fn iter(self) -> impl Iterator<Item = u8> {
        (Self::OLDEST..=Self::NEWEST).filter(move |m| self.contains(*m))
    }
}

impl fmt::Debug for Majors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Majors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v: Vec<String> = self.iter().map(|m| m.to_string()).collect();
        write!(f, "{{{}}}", v.join(", "))
    }
}

type Version = (u64, u64, u64);

/// A bound: version and whether it is included.
type Bound = (Version, bool);

/// Parses a version, with `x`/`*` wildcards: the version and how many leading components
/// were given before a wildcard or the end.
fn version(s: &str) -> Option<(Version, usize, bool)> {
    let s = s.trim().trim_start_matches('v');
    let core = s.split(['-', '+']).next()?;
    let mut parts = [0u64; 3];
    let mut given = 0;
    let mut wildcard = false;
    for (i, p) in core.split('.').enumerate() {
        if i >= 3 || wildcard {
            return None;
        }
        if p == "x" || p == "X" || p == "*" {
            wildcard = true;
            continue;
        }
        parts[i] = p.parse().ok()?;
        given = i + 1;
    }
    (given > 0).then_some(((parts[0], parts[1], parts[2]), given, wildcard))
}

fn bump(v: Version, at: usize) -> Version {
    match at {
        0 => (v.0.saturating_add(1), 0, 0),
        1 => (v.0, v.1.saturating_add(1), 0),
        _ => (v.0, v.1, v.2.saturating_add(1)),
    }
}

/// The majors a Terraform version constraint admits (`~> 3.0`, `>= 3.100, < 5.0`, `= 4.1.0`,
/// `4.x`); `None` when it cannot be read.
pub fn constraint_majors(s: &str) -> Option<Majors> {
    let mut lower: Option<Bound> = None;
    let mut upper: Option<Bound> = None;
    let mut excluded: Vec<Version> = Vec::new();
    let tighter_lower = |cur: Option<Bound>, new: Bound| match cur {
        Some(c) if c.0 > new.0 || (c.0 == new.0 && !c.1) => Some(c),
        _ => Some(new),
    };
    let tighter_upper = |cur: Option<Bound>, new: Bound| match cur {
        Some(c) if c.0 < new.0 || (c.0 == new.0 && !c.1) => Some(c),
        _ => Some(new),
    };
    let mut any = false;
    for part in s.split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        any = true;
        let (op, rest) = ["~>", ">=", "<=", "!=", ">", "<", "="]
            .iter()
            .find_map(|op| part.strip_prefix(op).map(|r| (*op, r)))
            .unwrap_or(("=", part));
        let (v, given, wildcard) = version(rest)?;
        if wildcard {
            // `4.x`: the versions under the given prefix.
            if op != "=" {
                return None;
            }
            lower = tighter_lower(lower, (v, true));
            upper = tighter_upper(upper, (bump(v, given - 1), false));
            continue;
        }
        match op {
            "=" => {
                lower = tighter_lower(lower, (v, true));
                upper = tighter_upper(upper, (v, true));
            }
            "!=" => excluded.push(v),
            ">" => lower = tighter_lower(lower, (v, false)),
            ">=" => lower = tighter_lower(lower, (v, true)),
            "<" => upper = tighter_upper(upper, (v, false)),
            "<=" => upper = tighter_upper(upper, (v, true)),
            _ => {
                // `~> 3` and `~> 3.1` allow the same major; `~> 3.1.2` the same minor.
                let at = if given >= 3 { 1 } else { 0 };
                lower = tighter_lower(lower, (v, true));
                upper = tighter_upper(upper, (bump(v, at), false));
            }
        }
    }
    if !any {
        return None;
    }
    let mut out = Majors::NONE;
    // Majors 0..=6, the last standing for every later one.
    for m in 0..=6u64 {
        let lo_m: Bound = ((m, 0, 0), true);
        let hi_m: Option<Bound> = (m < 6).then_some(((m + 1, 0, 0), false));
        let lo = tighter_lower(lower, lo_m).expect("some");
        let hi = match (upper, hi_m) {
            (Some(u), Some(h)) => tighter_upper(Some(u), h),
            (u, h) => u.or(h),
        };
        let nonempty = match hi {
            None => true,
            Some(hi) => lo.0 < hi.0 || (lo.0 == hi.0 && lo.1 && hi.1 && !excluded.contains(&lo.0)),
        };
        if nonempty {
            out = out.union(Majors::only(m));
        }
    }
    Some(out)
}

/// Why the module may run on some majors.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// The version, the constraint, or the attribute/block name.
    pub text: String,
    pub majors: Majors,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceKind {
    Lock,
    Constraint,
    Spelling,
}

/// The azurerm majors of one module, and why.
#[derive(Debug, Clone)]
pub struct ProviderVersions {
    pub evidence: Vec<Evidence>,
    /// Intersection of the evidence; `{5}` when there is none; empty when it contradicts itself
    /// (then version-dependent defaults are unknown).
    pub majors: Majors,
}

/// What the module's own files say about its azurerm majors.
pub fn azurerm(module: &Module) -> ProviderVersions {
    let mut evidence = Vec::new();
    for (f, body) in module.bodies(SourceKind::Lock) {
        for b in body.blocks() {
            let is_azurerm = b.ident.as_str() == "provider"
                && b.labels
                    .first()
                    .is_some_and(|l| l.as_str().ends_with("/azurerm"));
            let Some(a) = b.body.get_attribute("version").filter(|_| is_azurerm) else {
                continue;
            };
            if let Some((v, _, false)) = literal_str(&a.value).and_then(version) {
                evidence.push(Evidence {
                    kind: EvidenceKind::Lock,
                    text: literal_str(&a.value).unwrap_or_default().to_string(),
                    majors: Majors::only(v.0),
                    origin: origin(&f.name, span_of(&a.value)),
                });
            }
        }
    }
    for (f, body) in module.bodies(SourceKind::Config) {
        for t in body.blocks().filter(|b| b.ident.as_str() == "terraform") {
            for rp in t
                .body
                .blocks()
                .filter(|b| b.ident.as_str() == "required_providers")
            {
                for a in rp.body.attributes() {
                    let (constraint, source) = match &a.value {
                        Expression::Object(o) => {
                            let get = |k: &str| {
                                o.iter().find_map(|(key, v)| match key {
                                    ObjectKey::Ident(i) if i.as_str() == k => Some(v.expr()),
                                    _ => None,
                                })
                            };
                            (get("version"), get("source").and_then(literal_str))
                        }
                        e => (Some(e), None),
                    };
                    let named = a.key.as_str() == "azurerm";
                    if !(named && source.is_none_or(|s| s.ends_with("azurerm"))
                        || source.is_some_and(|s| s.ends_with("/azurerm")))
                    {
                        continue;
                    }
                    let Some(c) = constraint else { continue };
                    let Some(text) = literal_str(c) else { continue };
                    if let Some(majors) = constraint_majors(text) {
                        evidence.push(Evidence {
                            kind: EvidenceKind::Constraint,
                            text: text.to_string(),
                            majors,
                            origin: origin(&f.name, span_of(c)),
                        });
                    }
                }
            }
        }
    }
    for (f, body) in module.bodies(SourceKind::Config) {
        for r in body.blocks().filter(|b| b.ident.as_str() == "resource") {
            let Some(kind) = r.labels.first().map(|l| l.as_str()) else {
                continue;
            };
            let mut found = Vec::new();
            for s in SPELLINGS.iter().filter(|s| s.resource == kind) {
                for (text, span) in find_spelling(&r.body, s.path, s.name) {
                    found.push(Evidence {
                        kind: EvidenceKind::Spelling,
                        text,
                        majors: s.majors,
                        origin: origin(&f.name, span),
                    });
                }
            }
            found.sort_by_key(|e| e.origin.span);
            evidence.extend(found);
        }
    }
    let majors = if evidence.is_empty() {
        Majors::only(Majors::NEWEST as u64)
    } else {
        evidence
            .iter()
            .fold(Majors::ALL, |acc, e| acc.intersect(e.majors))
    };
    ProviderVersions { evidence, majors }
}

fn origin(file: &Arc<str>, span: crate::source::Span) -> Origin {
    Origin {
        file: file.clone(),
        span,
    }
}

/// An attribute or block name that only some majors accept.
struct Spelling {
    resource: &'static str,
    /// Nested blocks leading to it.
    path: &'static [&'static str],
    name: &'static str,
    majors: Majors,
}

const V3: Majors = Majors(0b001);
const V3_4: Majors = Majors(0b011);
const V4_5: Majors = Majors(0b110);
const V5: Majors = Majors(0b100);

const AAD: &str = "azure_active_directory_role_based_access_control";

/// aks-reference.md §2.1. Names of v2 (`addon_profile`, `role_based_access_control {}`) read as
/// v3.
const SPELLINGS: &[Spelling] = &[
    sp(CLUSTER, &[], "automatic_channel_upgrade", V3),
    sp(CLUSTER, &[], "node_os_channel_upgrade", V3),
    sp(CLUSTER, &[], "api_server_authorized_ip_ranges", V3),
    sp(CLUSTER, &[], "public_network_access_enabled", V3),
    sp(CLUSTER, &[], "enable_pod_security_policy", V3),
    sp(CLUSTER, &[], "addon_profile", V3),
    sp(CLUSTER, &[], "role_based_access_control", V3),
    sp(
        CLUSTER,
        &["default_node_pool"],
        "enable_host_encryption",
        V3,
    ),
    sp(CLUSTER, &["default_node_pool"], "enable_node_public_ip", V3),
    sp(CLUSTER, &["default_node_pool"], "enable_auto_scaling", V3),
    sp(CLUSTER, &["network_profile"], "ebpf_data_plane", V3),
    sp(CLUSTER, &[AAD], "managed", V3),
    sp(CLUSTER, &[AAD], "client_app_id", V3),
    sp(CLUSTER, &[AAD], "server_app_id", V3),
    sp(CLUSTER, &[AAD], "server_app_secret", V3),
    sp(CLUSTER, &[], "automatic_upgrade_channel", V4_5),
    sp(CLUSTER, &[], "node_os_upgrade_channel", V4_5),
    sp(CLUSTER, &[], "node_provisioning_profile", V4_5),
    sp(
        CLUSTER,
        &["default_node_pool"],
        "host_encryption_enabled",
        V4_5,
    ),
    sp(
        CLUSTER,
        &["default_node_pool"],
        "node_public_ip_enabled",
        V4_5,
    ),
    sp(
        CLUSTER,
        &["default_node_pool"],
        "auto_scaling_enabled",
        V4_5,
    ),
    sp(POOL, &[], "enable_host_encryption", V3),
    sp(POOL, &[], "enable_node_public_ip", V3),
    sp(POOL, &[], "enable_auto_scaling", V3),
    sp(POOL, &[], "host_encryption_enabled", V4_5),
    sp(POOL, &[], "node_public_ip_enabled", V4_5),
    sp(POOL, &[], "auto_scaling_enabled", V4_5),
    sp(DIAG, &[], "log", V3),
    sp(DIAG, &[], "metric", V3_4),
    sp(DIAG, &[], "enabled_metric", V5),
    sp(VAULT, &[], "enable_rbac_authorization", V3_4),
    sp(VAULT, &[], "rbac_authorization_enabled", V4_5),
];

const fn sp(
    resource: &'static str,
    path: &'static [&'static str],
    name: &'static str,
    majors: Majors,
) -> Spelling {
    Spelling {
        resource,
        path,
        name,
        majors,
    }
}

/// The spellings only some majors accept, as (resource type, nested blocks, name, majors): what
/// a plan's configuration is searched for (see [`super::plan`]).
pub(crate) fn spellings()
-> impl Iterator<Item = (&'static str, &'static [&'static str], &'static str, Majors)> {
    SPELLINGS
        .iter()
        .map(|s| (s.resource, s.path, s.name, s.majors))
}

/// Where `name` (an attribute, a block or a `dynamic "name"` block) is written under `path`.
fn find_spelling(body: &Body, path: &[&str], name: &str) -> Vec<(String, crate::source::Span)> {
    let mut out = Vec::new();
    match path.split_first() {
        Some((first, rest)) => {
            for b in blocks_named(body, first) {
                out.extend(find_spelling(b, rest, name));
            }
        }
        None => {
            if let Some(a) = body.get_attribute(name) {
                out.push((name.to_string(), span_of(&a.key)));
            }
            for b in body.blocks() {
                if b.ident.as_str() == name || is_dynamic(b, name) {
                    out.push((name.to_string(), header_span(b)));
                }
            }
        }
    }
    out
}

/// Bodies of the blocks named `name`, and of the `content` of `dynamic "name"` blocks.
fn blocks_named<'b>(body: &'b Body, name: &str) -> Vec<&'b Body> {
    let mut out = Vec::new();
    for b in body.blocks() {
        if b.ident.as_str() == name {
            out.push(&b.body);
        } else if is_dynamic(b, name) {
            out.extend(
                b.body
                    .blocks()
                    .filter(|c| c.ident.as_str() == "content")
                    .map(|c| &c.body),
            );
        }
    }
    out
}

fn is_dynamic(b: &Block, name: &str) -> bool {
    b.ident.as_str() == "dynamic" && b.labels.first().is_some_and(|l| l.as_str() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> String {
        constraint_majors(s).map_or("none".into(), |m| m.to_string())
    }

    #[test]
    fn constraints() {
        assert_eq!(m("~> 3.0"), "{3}");
        assert_eq!(m("~>3.50.0"), "{3}");
        assert_eq!(m("~> 3"), "{3}");
        assert_eq!(m(">= 3.100, < 5.0"), "{3, 4}");
        assert_eq!(m(">= 4.46.0, < 5.1.1"), "{4, 5}");
        assert_eq!(m(">= 4.0.0, < 5.0.0"), "{4}");
        assert_eq!(m("= 4.1.0"), "{4}");
        assert_eq!(m("4.1.0"), "{4}");
        assert_eq!(m("3.50"), "{3}");
        assert_eq!(m("4.x"), "{4}");
        assert_eq!(m(">= 3.0"), "{3, 4, 5}");
        assert_eq!(m("> 4.0"), "{4, 5}");
        assert_eq!(m("< 4.0"), "{3}");
        assert_eq!(m("<= 4.0.0"), "{3, 4}");
        assert_eq!(m("~> 2.99"), "{3}");
        assert_eq!(m(">= 6.0"), "{5}");
        assert_eq!(m(">= 5.0, < 4.0"), "{}");
        assert_eq!(m("!= 4.0.0, = 4.0.0"), "{}");
        assert_eq!(m(">= 4.0.0-beta1"), "{4, 5}");
        assert_eq!(m("banana"), "none");
        assert_eq!(m(""), "none");
        assert_eq!(m(">= 99999999999999"), "{5}");
        assert_eq!(m("~> 18446744073709551615.18446744073709551615"), "{}");
        assert_eq!(m("99999999999999999999999"), "none");
    }

    #[test]
    fn majors_set() {
        let s = Majors::only(4).union(Majors::only(5));
        assert_eq!(s.single(), None);
        assert_eq!(s.intersect(Majors::only(5)).single(), Some(5));
        assert!(Majors::NONE.is_empty());
        assert_eq!(Majors::ALL.to_string(), "{3, 4, 5}");
        assert_eq!(Majors::only(2).single(), Some(3));
    }
}
