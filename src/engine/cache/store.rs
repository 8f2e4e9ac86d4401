//! One project's cache file, `.akslint_cache/files.bin` under its root, and how it is read and
//! written.
//!
//! Layout: [`MAGIC`]; the [`Header`] (postcard): the format, the akslint version and build that
//! wrote it, the lengths of the table and of the blob area and the BLAKE3 hash of both; the
//! table (postcard): each file's [`Entry`] by the path it is shown under; the blob area: each
//! entry's facts and findings, encoded on their own (see [`super::entry`]), so that a run
//! decodes only those it uses (a one-file run needs the facts of the whole project, the
//! findings of one file).
//!
//! Nothing read is trusted before it is checked: the magic and the format, then the version
//! and build, then the lengths against the file's, then the hash, then the table, whose every
//! blob must lie inside the blob area. Whatever fails is [`Discard`]ed whole, never a panic or
//! an error shown to the user. The file is written to a temporary file in the same directory
//! and renamed over the old one: a reader sees the old cache or the new one, never half of
//! one.

use super::key::{Hash, Stat};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// The cache's directory, at a project's root.
pub(super) const DIR: &str = ".akslint_cache";
/// The cache file in it.
pub(super) const FILE: &str = "files.bin";
const MAGIC: &[u8] = b"akslint cache\n";
/// The layout of the file and of what it holds: raised whenever either changes (the build
/// check would catch it too; this says so in the file).
const FORMAT: u32 = 1;
/// The largest cache file read: a file this large is no cache of ours (a project of 100 MB of
/// manifests makes about 30 MB).
const MAX_LEN: u64 = 2 << 30;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: u32,
    version: String,
    build: String,
    table: u64,
    blobs: u64,
    checksum: Hash,
}

/// What an entry was made from: the file as `stat` showed it before it was read (and whether
/// that was too soon after a change to trust), its content hash, and the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Origin {
    pub stat: Stat,
    pub racy: bool,
    pub content: Hash,
    pub settings: Hash,
}

/// Where one blob is, in the blob area.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(super) struct Blob {
    at: u64,
    len: u64,
}

/// One file's entry: its facts for the cross-file index (none when it has no object they read)
/// and, when it was linted as a reported file, its findings (a file read only for context has
/// none: see [`super::Cache`]).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(super) struct Entry {
    pub origin: Origin,
    pub facts: Option<Blob>,
    pub report: Option<Blob>,
}

/// A cache as read: the file's bytes and its table.
#[derive(Default)]
pub(super) struct Store {
    buf: Vec<u8>,
    /// Where the blob area starts in `buf`.
    blobs_at: usize,
    pub entries: BTreeMap<String, Entry>,
}

/// Why a cache file was thrown away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Discard {
    /// Not a cache of this format (another format, or not one at all).
    Format,
    /// Written by another version or build of akslint.
    Version,
    /// Truncated or damaged: lengths, hash or table do not hold.
    Corrupt,
}

impl Discard {
    pub fn as_str(self) -> &'static str {
        match self {
            Discard::Format => "format",
            Discard::Version => "version",
            Discard::Corrupt => "corrupt",
        }
    }
}

impl Store {
    /// A blob's bytes (every blob was checked to lie in the blob area when the store was read).
    pub fn blob(&self, b: Blob) -> &[u8] {
        let start = self.blobs_at + b.at as usize;
        &self.buf[start..start + b.len as usize]
    }
}

/// The cache in `dir`: `Ok(None)` when there is none (or it cannot be read), `Err` when what is
/// there is no valid cache of this build.
pub(super) fn read(dir: &Path, build: &str) -> Result<Option<Store>, Discard> {
    let path = dir.join(FILE);
    let Ok(meta) = std::fs::metadata(&path) else {
        return Ok(None);
    };
    if !meta.is_file() || meta.len() > MAX_LEN {
        return Err(Discard::Format);
    }
    let Ok(buf) = std::fs::read(&path) else {
        return Ok(None);
    };
    parse(buf, build).map(Some)
}

fn parse(buf: Vec<u8>, build: &str) -> Result<Store, Discard> {
    let rest = buf.strip_prefix(MAGIC).ok_or(Discard::Format)?;
    let (format, _) = postcard::take_from_bytes::<u32>(rest).map_err(|_| Discard::Format)?;
    if format != FORMAT {
        return Err(Discard::Format);
    }
    let (header, body) = postcard::take_from_bytes::<Header>(rest).map_err(|_| Discard::Corrupt)?;
    if header.version != env!("CARGO_PKG_VERSION") || header.build != build {
        return Err(Discard::Version);
    }
    if header.table.checked_add(header.blobs) != Some(body.len() as u64) {
        return Err(Discard::Corrupt);
    }
    if *blake3::hash(body).as_bytes() != header.checksum {
        return Err(Discard::Corrupt);
    }
    let (table, blobs) = body.split_at(header.table as usize);
    let (entries, left) =
        postcard::take_from_bytes::<Vec<(String, Entry)>>(table).map_err(|_| Discard::Corrupt)?;
    let inside = |b: &Option<Blob>| {
        b.is_none_or(|b| {
            b.at.checked_add(b.len)
                .is_some_and(|end| end <= header.blobs)
        })
    };
    if !left.is_empty()
        || !entries
            .iter()
            .all(|(_, e)| inside(&e.facts) && inside(&e.report))
    {
        return Err(Discard::Corrupt);
    }
    let blobs_at = buf.len() - blobs.len();
    Ok(Store {
        entries: entries.into_iter().collect(),
        blobs_at,
        buf,
    })
}

/// An entry to write, with its blobs' bytes.
pub(super) struct Written<'a> {
    pub path: &'a str,
    pub origin: Origin,
    pub facts: Option<&'a [u8]>,
    pub report: Option<&'a [u8]>,
}

/// Writes the cache of `dir` (made with its `.gitignore` when missing), replacing the old one
/// at once: a temporary file in the same directory, renamed over it.
pub(super) fn write(dir: &Path, build: &str, entries: &[Written<'_>]) -> std::io::Result<()> {
    match std::fs::create_dir(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e),
        _ => {}
    }
    // Git ignores the directory whatever the project's own `.gitignore` says.
    match std::fs::File::create_new(dir.join(".gitignore")) {
        Ok(mut f) => f.write_all(b"*\n")?,
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e),
        Err(_) => {}
    }
    let tmp = tempfile::Builder::new()
        .prefix(".files.bin.")
        .tempfile_in(dir)?;
    let mut out = std::io::BufWriter::new(tmp);
    encode(&mut out, build, entries)?;
    let tmp = out.into_inner().map_err(|e| e.into_error())?;
    tmp.persist(dir.join(FILE)).map_err(|e| e.error)?;
    Ok(())
}

/// Writes the file's bytes to `out`, each blob copied once, from where it is.
fn encode(out: &mut impl Write, build: &str, entries: &[Written<'_>]) -> std::io::Result<()> {
    let mut blobs = 0u64;
    let mut put = |bytes: Option<&[u8]>| {
        bytes.map(|b| {
            let at = blobs;
            blobs += b.len() as u64;
            Blob {
                at,
                len: b.len() as u64,
            }
        })
    };
    let table: Vec<(&str, Entry)> = entries
        .iter()
        .map(|w| {
            let entry = Entry {
                origin: w.origin,
                facts: put(w.facts),
                report: put(w.report),
            };
            (w.path, entry)
        })
        .collect();
    let table = postcard::to_allocvec(&table).map_err(std::io::Error::other)?;
    // The blobs in the order their places were given.
    let blobs_in_order = || {
        entries
            .iter()
            .flat_map(|w| w.facts.into_iter().chain(w.report))
    };
    let mut hasher = blake3::Hasher::new();
    hasher.update(&table);
    for b in blobs_in_order() {
        hasher.update(b);
    }
    let header = Header {
        format: FORMAT,
        version: env!("CARGO_PKG_VERSION").to_string(),
        build: build.to_string(),
        table: table.len() as u64,
        blobs,
        checksum: *hasher.finalize().as_bytes(),
    };
    out.write_all(MAGIC)?;
    out.write_all(&postcard::to_allocvec(&header).map_err(std::io::Error::other)?)?;
    out.write_all(&table)?;
    for b in blobs_in_order() {
        out.write_all(b)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(n: u8) -> Origin {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x");
        std::fs::write(&f, [n]).unwrap();
        Origin {
            stat: Stat::of(&std::fs::metadata(&f).unwrap()).unwrap(),
            racy: false,
            content: [n; 32],
            settings: [7; 32],
        }
    }

    fn sample() -> Vec<u8> {
        let (a, b) = (origin(1), origin(2));
        let entries = [
            Written {
                path: "a.yaml",
                origin: a,
                facts: Some(b"facts of a"),
                report: Some(b"findings of a"),
            },
            Written {
                path: "b/c.yaml",
                origin: b,
                facts: None,
                report: Some(b""),
            },
        ];
        let mut out = Vec::new();
        encode(&mut out, "build", &entries).unwrap();
        out
    }

    #[test]
    fn what_is_written_is_read() {
        let store = parse(sample(), "build").unwrap();
        let a = store.entries["a.yaml"];
        assert_eq!(store.blob(a.facts.unwrap()), b"facts of a");
        assert_eq!(store.blob(a.report.unwrap()), b"findings of a");
        assert_eq!(a.origin.content, [1; 32]);
        let c = store.entries["b/c.yaml"];
        assert!(c.facts.is_none());
        assert_eq!(store.blob(c.report.unwrap()), b"");
        assert_eq!(store.entries.len(), 2);
    }

    /// No damaged cache is trusted: every byte flipped, every truncation, is discarded.
    #[test]
    fn every_damage_is_discarded() {
        let good = sample();
        assert!(good.len() < 2000);
        for i in 0..good.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut bad = good.clone();
                bad[i] ^= flip;
                assert!(
                    parse(bad, "build").is_err(),
                    "byte {i} ^ {flip:#x} was trusted"
                );
            }
        }
        for len in 0..good.len() {
            assert!(
                parse(good[..len].to_vec(), "build").is_err(),
                "cut at {len}"
            );
        }
        let mut longer = good.clone();
        longer.push(0);
        assert_eq!(parse(longer, "build").err(), Some(Discard::Corrupt));
    }

    #[test]
    fn foreign_caches_say_why() {
        assert_eq!(parse(sample(), "other").err(), Some(Discard::Version));
        assert_eq!(
            parse(b"garbage".to_vec(), "build").err(),
            Some(Discard::Format)
        );
        let mut other_format = sample();
        other_format[MAGIC.len()] = FORMAT as u8 + 1;
        assert_eq!(parse(other_format, "build").err(), Some(Discard::Format));
    }

    #[test]
    fn writing_makes_the_directory_with_its_gitignore() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join(DIR);
        write(&dir, "build", &[]).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join(".gitignore")).unwrap(),
            "*\n"
        );
        let store = read(&dir, "build").unwrap().unwrap();
        assert!(store.entries.is_empty());
        // Only the cache and its .gitignore: the temporary file was renamed.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
        assert!(read(&root.path().join("none"), "build").unwrap().is_none());
    }
}
