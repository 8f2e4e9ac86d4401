//! What AKS201 and AKS202 read: whether the API server is private, and its authorized IP ranges
//! in both spellings (v3 `api_server_authorized_ip_ranges`; v3.39+/v4/v5
//! `api_server_access_profile { authorized_ip_ranges }`, the block possibly `dynamic`).

use crate::rules::azurerm::Setting;
use crate::terraform::{Presence, Resource};

/// `private_cluster_enabled` (default false): whether the cluster is private, `None` when unknown;
/// and the setting, for where to point.
pub(crate) fn private(res: &Resource<'_>) -> (Option<bool>, Setting) {
    let setting = Setting::of(res.attr("private_cluster_enabled"));
    (setting.bool_or(false), setting)
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
    /// [`Setting::Unknown`] also for a block that may or may not exist, or one written in
    /// attribute syntax.
    pub setting: Setting,
}

impl Source {
    /// What this place holds: null and not written hold no range.
    pub(crate) fn state(&self) -> State {
        match &self.setting {
            Setting::NotWritten | Setting::Null(_) => State::NoRanges,
            Setting::Known(a) => match a.value.as_list() {
                Some([]) => State::NoRanges,
                Some(_) => State::Ranges,
                None => State::Unknown,
            },
            Setting::Unknown => State::Unknown,
        }
    }
}

/// Every place that may hold authorized ranges, in written order of the two spellings.
pub(crate) fn sources(res: &Resource<'_>) -> Vec<Source> {
    const PROFILE: &str = "api_server_access_profile.authorized_ip_ranges";
    let mut out = vec![Source {
        path: "api_server_authorized_ip_ranges",
        setting: Setting::of(res.attr("api_server_authorized_ip_ranges")),
    }];
    // Attribute syntax (`api_server_access_profile = …`) is not the provider's; do not guess.
    if res.attr("api_server_access_profile").is_some() {
        out.push(Source {
            path: PROFILE,
            setting: Setting::Unknown,
        });
    }
    for block in res.blocks("api_server_access_profile") {
        // A profile that may be there (`dynamic`, unknown `for_each`) is read as the
        // representative instance's: the ranges it writes are judged.
        let setting = match block.presence {
            Presence::KnownEmpty => continue,
            Presence::Unknown | Presence::KnownNonEmpty => {
                Setting::of(block.attr("authorized_ip_ranges"))
            }
        };
        out.push(Source {
            path: PROFILE,
            setting,
        });
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
