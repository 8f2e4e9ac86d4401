//! What a cache entry is good for: the file it was made from, as `stat` shows it and by the hash
//! of its content; the settings that decide a file's facts and findings; and the akslint binary
//! that made it.

use crate::config::Config;
use serde::{Deserialize, Serialize};
use std::fs::Metadata;
use std::time::{SystemTime, UNIX_EPOCH};

/// A BLAKE3 hash.
pub(in crate::engine) type Hash = [u8; 32];

/// The hash of a file's bytes (the check behind the `stat` fast path), or of a report's.
pub(super) fn hash(bytes: &[u8]) -> Hash {
    *blake3::hash(bytes).as_bytes()
}

/// The settings a file's facts and findings depend on besides its bytes and the name it is
/// shown under: the configuration (its text decides the rules, their parameters and
/// severities, the ignores and the limits; `[[per-path]]` globs are relative to its directory)
/// and the namespace of objects that name none, or no index at all (`--no-context`).
pub(super) fn settings(cfg: &Config, index: Option<&str>) -> Hash {
    let mut h = blake3::Hasher::new();
    // Each part with its length, so that no two settings run together into one hash.
    let mut part = |bytes: &[u8]| {
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    part(cfg.text.as_bytes());
    part(cfg.root.as_os_str().as_encoded_bytes());
    match index {
        Some(ns) => {
            part(b"index");
            part(ns.as_bytes());
        }
        None => part(b"no index"),
    }
    *h.finalize().as_bytes()
}

/// The binary that reads and writes the cache: an entry made by another one is never used. Its
/// version is not enough: every build of a development version says `0.1.0`, and a changed rule
/// changes findings. So the executable's size and modification time count too (a reinstall of
/// the same version only costs one cold run). `None` when the executable cannot be found: then
/// there is no cache.
pub(super) fn build() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let (secs, nanos) = since_epoch(meta.modified().ok()?);
    Some(format!("{}-{secs}-{nanos}", meta.len()))
}

/// A file as `stat` shows it: an entry whose stat is the file's is used without reading the
/// file, unless it was made too soon after the file changed (see [`Stat::racy`]). The change
/// time and inode come in on Unix: a file replaced by another of the same size and modification
/// time (`cp -p`, `mv`) has a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stat {
    pub len: u64,
    mtime: (i64, u32),
    ctime: (i64, u32),
    ino: u64,
}

/// How long after its last change a file's stat may not show a further change: coarse file
/// systems keep times to the second, FAT to two.
const GRANULARITY_NS: i128 = 2_000_000_000;

impl Stat {
    pub fn of(meta: &Metadata) -> Option<Stat> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(Stat {
                len: meta.len(),
                mtime: (meta.mtime(), u32::try_from(meta.mtime_nsec()).ok()?),
                ctime: (meta.ctime(), u32::try_from(meta.ctime_nsec()).ok()?),
                ino: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            Some(Stat {
                len: meta.len(),
                mtime: since_epoch(meta.modified().ok()?),
                ctime: (0, 0),
                ino: 0,
            })
        }
    }

    /// Whether the file changed so shortly before `read` (when its bytes had been read) that a
    /// change right after the read could have left this stat as it is: then the stat proves
    /// nothing, and the entry is checked against the content hash until it is older (as git
    /// does with "racily clean" entries).
    pub fn racy(&self, read: SystemTime) -> bool {
        let ns = |(secs, nanos): (i64, u32)| i128::from(secs) * 1_000_000_000 + i128::from(nanos);
        let changed = ns(self.mtime).max(ns(self.ctime));
        ns(since_epoch(read)) - changed < GRANULARITY_NS
    }
}

/// Seconds and nanoseconds since 1970 (negative seconds before).
fn since_epoch(t: SystemTime) -> (i64, u32) {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => (d.as_secs() as i64, d.subsec_nanos()),
        Err(e) => {
            let d = e.duration();
            let secs = -(d.as_secs() as i64);
            match d.subsec_nanos() {
                0 => (secs, 0),
                n => (secs - 1, 1_000_000_000 - n),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::time::Duration;

    #[test]
    fn a_stat_is_racy_within_two_seconds_of_the_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "a: 1\n").unwrap();
        let stat = Stat::of(&std::fs::metadata(&file).unwrap()).unwrap();
        let now = SystemTime::now();
        assert!(stat.racy(now));
        assert!(!stat.racy(now + Duration::from_secs(3)));
        // A clock behind the file's times: racy, never trusted.
        assert!(stat.racy(now - Duration::from_secs(60)));
    }

    #[test]
    fn settings_differ_by_config_text_root_and_namespace() {
        let p = Path::new("akslint.toml");
        let a = Config::parse("select = [\"AKS401\"]\n", p).unwrap();
        let b = Config::parse("select = [\"AKS402\"]\n", p).unwrap();
        let c = Config::parse("select = [\"AKS401\"]\n", Path::new("sub/akslint.toml")).unwrap();
        let all = [
            settings(&a, Some("default")),
            settings(&b, Some("default")),
            settings(&c, Some("default")),
            settings(&a, Some("shop")),
            settings(&a, None),
        ];
        for (i, x) in all.iter().enumerate() {
            for y in &all[i + 1..] {
                assert_ne!(x, y);
            }
        }
        assert_eq!(settings(&a, Some("default")), all[0]);
    }

    #[test]
    fn times_before_1970() {
        let t = UNIX_EPOCH - Duration::from_millis(1500);
        assert_eq!(since_epoch(t), (-2, 500_000_000));
        assert_eq!(since_epoch(UNIX_EPOCH + Duration::new(3, 7)), (3, 7));
    }
}
