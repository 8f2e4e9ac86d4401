//! What AKS201 and AKS202 read: whether the API server is private, and its authorized IP ranges
//! in both spellings (v3 `api_server_authorized_ip_ranges`; v3.39+/v4/v5
//! `api_server_access_profile { authorized_ip_ranges }`, the block possibly `dynamic`).

use crate::terraform::{Attr, Presence, Resource, Value};

/// `private_cluster_enabled`: `Some(false)` when absent or null (the default), `None` unknown.
pub(crate) fn private(res: &Resource<'_>) -> (Option<bool>, Option<Attr>) {
    match res.attr("private_cluster_enabled") {
        None => (Some(false), None),
        Some(a) if a.value.is_absent() => (Some(false), Some(a)),
        Some(a) => (a.value.as_bool(), Some(a)),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum State {
    /// A known, non-empty list (its elements may be unknown).
    Ranges,
    /// Not written, null, or `[]`.
    NoRanges,
    Unknown,
}

/// One place that may hold authorized ranges.
pub(crate) struct Source {
    /// `api_server_access_profile.authorized_ip_ranges` or `api_server_authorized_ip_ranges`.
    pub path: &'static str,
    pub attr: Option<Attr>,
    pub state: State,
}

fn state_of(attr: Option<&Attr>) -> State {
    let Some(a) = attr else {
        return State::NoRanges;
    };
    match &a.value {
        Value::Absent => State::NoRanges,
        v => match v.as_list() {
            Some([]) => State::NoRanges,
            Some(_) => State::Ranges,
            None => State::Unknown,
        },
    }
}

/// Every place that may hold authorized ranges, in written order of the two spellings.
pub(crate) fn sources(res: &Resource<'_>) -> Vec<Source> {
    let mut out = Vec::new();
    let attr = res.attr("api_server_authorized_ip_ranges");
    out.push(Source {
        path: "api_server_authorized_ip_ranges",
        state: state_of(attr.as_ref()),
        attr,
    });
    // Attribute syntax (`api_server_access_profile = …`) is not the provider's; do not guess.
    if res.attr("api_server_access_profile").is_some() {
        out.push(Source {
            path: "api_server_access_profile.authorized_ip_ranges",
            attr: None,
            state: State::Unknown,
        });
    }
    for block in res.blocks("api_server_access_profile") {
        match block.presence {
            Presence::KnownEmpty => {}
            Presence::Unknown => out.push(Source {
                path: "api_server_access_profile.authorized_ip_ranges",
                attr: None,
                state: State::Unknown,
            }),
            Presence::KnownNonEmpty => {
                let attr = block.attr("authorized_ip_ranges");
                out.push(Source {
                    path: "api_server_access_profile.authorized_ip_ranges",
                    state: state_of(attr.as_ref()),
                    attr,
                });
            }
        }
    }
    out
}

/// An entry that admits every address: `*`, or a CIDR with prefix length 0 (`0.0.0.0/0`,
/// `::/0`).
pub(crate) fn is_open(entry: &str) -> bool {
    let e = entry.trim();
    e == "*"
        || e.rsplit_once('/')
            .is_some_and(|(ip, len)| len.trim().parse::<u8>() == Ok(0) && !ip.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::is_open;

    #[test]
    fn open_entries() {
        for e in ["0.0.0.0/0", "*", "::/0", " 0.0.0.0/0 ", "10.0.0.0/0"] {
            assert!(is_open(e), "{e}");
        }
        for e in [
            "0.0.0.0",
            "0.0.0.0/1",
            "10.0.0.0/8",
            "/0",
            "1.2.3.4/32",
            "0.0.0.0/00x",
        ] {
            assert!(!is_open(e), "{e}");
        }
    }
}
