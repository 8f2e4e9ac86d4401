//! One project's cache file, `.akslint_cache/files.bin` under its root, and how it is read and
//! written.
//!
//! Layout: [`MAGIC`]; the [`Header`] (postcard): the format, the akslint version and build that
//! wrote it, the lengths of what follows and the BLAKE3 hash of the table and the facts; the
//! table (postcard): each file's [`Entry`] by the path it is shown under; the facts area: every
//! entry's facts, one blob each; the reports area: every reported entry's findings, one blob
//! each, with its own hash in the table. Blobs are encoded on their own (see [`super::entry`]):
//! a run reads the table and the facts (a one-file run needs the facts of the whole project) and
//! only the reports it uses (a one-file run, one), each checked against its hash when read.
//!
//! Nothing read is trusted before it is checked: the magic and the format, then the version
//! and build, then the lengths against the file's, then the hash, then the table, whose every
//! blob must lie inside its area; a report, when it is read, against its hash. A cache that
//! fails is [`Discard`]ed whole, a report that fails is no report: never a panic, nor an error
//! shown to the user. The file is written to a temporary file in the same directory and renamed
//! over the old one: a reader sees the old cache or the new one, never half of one (a reader
//! holds the file it opened, so its reports stay those of its table).

use super::key::{Hash, Stat};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

/// The cache's directory, at a project's root.
pub(super) const DIR: &str = ".akslint_cache";
/// The cache file in it.
pub(super) const FILE: &str = "files.bin";
const MAGIC: &[u8] = b"akslint cache\n";
/// The layout of the file and of what it holds: raised whenever either changes (the build
/// check would catch it too; this says so in the file).
const FORMAT: u32 = 4;
/// The largest cache file read: a file this large is no cache of ours (a project of 100 MB of
/// manifests makes about 55 MB).
const MAX_LEN: u64 = 2 << 30;
/// What is read of a file to find its header (which is far shorter).
const HEADER_READ: usize = 4096;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: u32,
    version: String,
    build: String,
    table: u64,
    facts: u64,
    reports: u64,
    /// Of the table and the facts area.
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

/// Where one blob is, in its area.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(super) struct Blob {
    at: u64,
    len: u64,
}

/// A report's blob and the hash it is checked against when read.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(super) struct Sealed {
    blob: Blob,
    hash: Hash,
}

/// One file's entry: its facts for the cross-file index (none when it has no object they read)
/// and, when it was linted as a reported file, its findings (a file read only for context has
/// none: see [`super::Cache`]).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(super) struct Entry {
    pub origin: Origin,
    pub facts: Option<Blob>,
    pub report: Option<Sealed>,
}

/// A cache as read: its table and facts, and the file, for the reports.
#[derive(Default)]
pub(super) struct Store {
    /// The file up to the reports area.
    head: Vec<u8>,
    /// Where the facts area starts in `head`.
    facts_at: usize,
    file: Option<File>,
    /// Sorted by path (as written; checked when read): looked up by binary search.
    entries: Vec<(String, Entry)>,
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
    /// The entry of a path.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        let i = self
            .entries
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .ok()?;
        Some(&self.entries[i].1)
    }

    /// Every entry, by path.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.entries.iter().map(|(p, e)| (p.as_str(), e))
    }

    /// A facts blob (each was checked to lie in the facts area when the store was read).
    pub fn facts(&self, b: Blob) -> &[u8] {
        let start = self.facts_at + b.at as usize;
        &self.head[start..start + b.len as usize]
    }

    /// A report blob, read from the file; `None` when it cannot be read or is not what was
    /// written.
    pub fn report(&self, r: Sealed) -> Option<Vec<u8>> {
        let mut buf = vec![0; usize::try_from(r.blob.len).ok()?];
        read_at(
            self.file.as_ref()?,
            &mut buf,
            self.head.len() as u64 + r.blob.at,
        )
        .ok()?;
        (*blake3::hash(&buf).as_bytes() == r.hash).then_some(buf)
    }

    /// The whole reports area (to copy the reports of kept entries into a new cache).
    pub fn reports(&self) -> Option<Vec<u8>> {
        let file = self.file.as_ref()?;
        let len = file
            .metadata()
            .ok()?
            .len()
            .checked_sub(self.head.len() as u64)?;
        let mut buf = vec![0; usize::try_from(len).ok()?];
        read_at(file, &mut buf, self.head.len() as u64).ok()?;
        Some(buf)
    }

    /// A report's bytes in [`Store::reports`]' area (`None` when it is not there).
    pub fn report_in(area: &[u8], r: Sealed) -> Option<(&[u8], Hash)> {
        let start = usize::try_from(r.blob.at).ok()?;
        let end = start.checked_add(usize::try_from(r.blob.len).ok()?)?;
        Some((area.get(start..end)?, r.hash))
    }
}

/// The cache in `dir`: `Ok(None)` when there is none (or it cannot be read), `Err` when what is
/// there is no valid cache of this build.
pub(super) fn read(dir: &Path, build: &str) -> Result<Option<Store>, Discard> {
    let Ok(mut file) = File::open(dir.join(FILE)) else {
        return Ok(None);
    };
    let Ok(meta) = file.metadata() else {
        return Ok(None);
    };
    if !meta.is_file() || meta.len() > MAX_LEN {
        return Err(Discard::Format);
    }
    let mut head = Vec::new();
    let first = (&mut file).take(HEADER_READ as u64).read_to_end(&mut head);
    if first.is_err() {
        return Ok(None);
    }
    let (header, at) = header(&head, build)?;
    let lengths = [header.table, header.facts, header.reports];
    let total = lengths
        .iter()
        .try_fold(at as u64, |sum, &n| sum.checked_add(n));
    if total != Some(meta.len()) {
        return Err(Discard::Corrupt);
    }
    // The head is the file but its reports: read the rest of it.
    let head_len = (at as u64 + header.table + header.facts) as usize;
    if head.len() > head_len {
        head.truncate(head_len);
    } else {
        let had = head.len();
        head.resize(head_len, 0);
        file.read_exact(&mut head[had..])
            .map_err(|_| Discard::Corrupt)?;
    }
    let mut store = parse(head, at, &header)?;
    store.file = Some(file);
    Ok(Some(store))
}

/// The header of a file starting with `bytes`, and where the table starts.
fn header(bytes: &[u8], build: &str) -> Result<(Header, usize), Discard> {
    let rest = bytes.strip_prefix(MAGIC).ok_or(Discard::Format)?;
    let (format, _) = postcard::take_from_bytes::<u32>(rest).map_err(|_| Discard::Format)?;
    if format != FORMAT {
        return Err(Discard::Format);
    }
    let (header, after) =
        postcard::take_from_bytes::<Header>(rest).map_err(|_| Discard::Corrupt)?;
    if header.version != env!("CARGO_PKG_VERSION") || header.build != build {
        return Err(Discard::Version);
    }
    Ok((header, bytes.len() - after.len()))
}

/// The table and facts of a cache whose head (the file but its reports) is `head`; the table
/// starts at `at`.
fn parse(head: Vec<u8>, at: usize, header: &Header) -> Result<Store, Discard> {
    let body = &head[at..];
    if *blake3::hash(body).as_bytes() != header.checksum {
        return Err(Discard::Corrupt);
    }
    let table = &body[..header.table as usize];
    let (entries, left) =
        postcard::take_from_bytes::<Vec<(String, Entry)>>(table).map_err(|_| Discard::Corrupt)?;
    let inside = |b: Blob, area: u64| b.at.checked_add(b.len).is_some_and(|end| end <= area);
    let valid = |e: &Entry| {
        e.facts.is_none_or(|b| inside(b, header.facts))
            && e.report.is_none_or(|r| inside(r.blob, header.reports))
    };
    let sorted = entries.windows(2).all(|w| w[0].0 < w[1].0);
    if !left.is_empty() || !sorted || !entries.iter().all(|(_, e)| valid(e)) {
        return Err(Discard::Corrupt);
    }
    Ok(Store {
        facts_at: at + header.table as usize,
        head,
        file: None,
        entries,
    })
}

/// Reads exactly `buf.len()` bytes of `file` from `at`, whoever else reads it.
fn read_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
    }
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < buf.len() {
            match std::os::windows::fs::FileExt::seek_read(
                file,
                &mut buf[done..],
                at + done as u64,
            )? {
                0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
                n => done += n,
            }
        }
        Ok(())
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (file, buf, at);
        Err(std::io::ErrorKind::Unsupported.into())
    }
}

/// An entry to write, with its blobs' bytes (a report with its hash).
pub(super) struct Written<'a> {
    pub path: &'a str,
    pub origin: Origin,
    pub facts: Option<&'a [u8]>,
    pub report: Option<(&'a [u8], Hash)>,
}

/// Writes the cache of `dir` (made with its `.gitignore` when missing), replacing the old one
/// at once: a temporary file in the same directory, renamed over it. `entries` are sorted by
/// path, each once.
pub(super) fn write(dir: &Path, build: &str, entries: &[Written<'_>]) -> std::io::Result<()> {
    match std::fs::create_dir(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e),
        _ => {}
    }
    // Git ignores the directory whatever the project's own `.gitignore` says.
    match File::create_new(dir.join(".gitignore")) {
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
    let (mut facts, mut reports) = (0u64, 0u64);
    let place = |area: &mut u64, bytes: &[u8]| {
        let b = Blob {
            at: *area,
            len: bytes.len() as u64,
        };
        *area += b.len;
        b
    };
    let table: Vec<(&str, Entry)> = entries
        .iter()
        .map(|w| {
            let entry = Entry {
                origin: w.origin,
                facts: w.facts.map(|b| place(&mut facts, b)),
                report: w.report.map(|(b, hash)| Sealed {
                    blob: place(&mut reports, b),
                    hash,
                }),
            };
            (w.path, entry)
        })
        .collect();
    let table = postcard::to_allocvec(&table).map_err(std::io::Error::other)?;
    let mut hasher = blake3::Hasher::new();
    hasher.update(&table);
    for b in entries.iter().filter_map(|w| w.facts) {
        hasher.update(b);
    }
    let header = Header {
        format: FORMAT,
        version: env!("CARGO_PKG_VERSION").to_string(),
        build: build.to_string(),
        table: table.len() as u64,
        facts,
        reports,
        checksum: *hasher.finalize().as_bytes(),
    };
    out.write_all(MAGIC)?;
    out.write_all(&postcard::to_allocvec(&header).map_err(std::io::Error::other)?)?;
    out.write_all(&table)?;
    // The areas, in the order their blobs were placed.
    for b in entries.iter().filter_map(|w| w.facts) {
        out.write_all(b)?;
    }
    for (b, _) in entries.iter().filter_map(|w| w.report) {
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

    const REPORTS: [&[u8]; 2] = [b"findings of a", b""];

    fn sample() -> Vec<u8> {
        let (a, b) = (origin(1), origin(2));
        let seal = |r: &'static [u8]| (r, *blake3::hash(r).as_bytes());
        let entries = [
            Written {
                path: "a.yaml",
                origin: a,
                facts: Some(b"facts of a"),
                report: Some(seal(REPORTS[0])),
            },
            Written {
                path: "b/c.yaml",
                origin: b,
                facts: None,
                report: Some(seal(REPORTS[1])),
            },
        ];
        let mut out = Vec::new();
        encode(&mut out, "build", &entries).unwrap();
        out
    }

    /// The cache `bytes` make, read back.
    fn read_bytes(bytes: &[u8], build: &str) -> Result<Option<Store>, Discard> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), bytes).unwrap();
        read(dir.path(), build)
    }

    #[test]
    fn what_is_written_is_read() {
        let store = read_bytes(&sample(), "build").unwrap().unwrap();
        let a = *store.get("a.yaml").unwrap();
        assert_eq!(store.facts(a.facts.unwrap()), b"facts of a");
        assert_eq!(store.report(a.report.unwrap()).unwrap(), REPORTS[0]);
        assert_eq!(a.origin.content, [1; 32]);
        let c = *store.get("b/c.yaml").unwrap();
        assert!(c.facts.is_none());
        assert_eq!(store.report(c.report.unwrap()).unwrap(), b"");
        assert_eq!(store.entries().count(), 2);
        assert!(store.get("b.yaml").is_none());
        let area = store.reports().unwrap();
        assert_eq!(
            Store::report_in(&area, a.report.unwrap()).unwrap().0,
            REPORTS[0]
        );
    }

    /// No damaged cache is trusted: every byte flipped is discarded with the cache or refused
    /// with its report, and every truncation is discarded.
    #[test]
    fn every_damage_is_refused() {
        let good = sample();
        assert!(good.len() < 2000);
        for i in 0..good.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut bad = good.clone();
                bad[i] ^= flip;
                let Ok(Some(store)) = read_bytes(&bad, "build") else {
                    continue;
                };
                let reports: Vec<Option<Vec<u8>>> = store
                    .entries()
                    .map(|(_, e)| store.report(e.report.unwrap()))
                    .collect();
                assert!(
                    reports.iter().any(Option::is_none),
                    "byte {i} ^ {flip:#x} was trusted"
                );
                for (r, want) in reports.iter().zip(REPORTS) {
                    assert!(r.as_deref().is_none_or(|r| r == want), "byte {i}");
                }
            }
        }
        for len in 0..good.len() {
            assert!(read_bytes(&good[..len], "build").is_err(), "cut at {len}");
        }
        let mut longer = good.clone();
        longer.push(0);
        assert_eq!(read_bytes(&longer, "build").err(), Some(Discard::Corrupt));
    }

    #[test]
    fn foreign_caches_say_why() {
        assert_eq!(read_bytes(&sample(), "other").err(), Some(Discard::Version));
        assert_eq!(read_bytes(b"garbage", "build").err(), Some(Discard::Format));
        let mut other_format = sample();
        other_format[MAGIC.len()] = FORMAT as u8 + 1;
        assert_eq!(
            read_bytes(&other_format, "build").err(),
            Some(Discard::Format)
        );
        // A table out of order (never written so) cannot be searched: corrupt.
        let entry = |path| Written {
            path,
            origin: origin(1),
            facts: None,
            report: None,
        };
        let mut unsorted = Vec::new();
        encode(&mut unsorted, "build", &[entry("b.yaml"), entry("a.yaml")]).unwrap();
        assert_eq!(read_bytes(&unsorted, "build").err(), Some(Discard::Corrupt));
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
        assert!(store.entries().next().is_none());
        // Only the cache and its .gitignore: the temporary file was renamed.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
        assert!(read(&root.path().join("none"), "build").unwrap().is_none());
    }
}
