//! Reading one YAML/JSON input before it is parsed: the size cap (checked before reading), then
//! the binary check (what cannot be linted at all becomes the file's one finding) and decoding
//! (an invalid UTF-8 byte costs only its own document).

use super::Job;
use crate::diagnostic::Finding;
use crate::discover::FileKind;
use crate::rules::linter;
use crate::source::{is_binary, lossy_text};
use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

/// The bytes of an input, or the finding about why it was not read.
pub(super) fn read(job: &Job, limit: u64) -> Result<Vec<u8>, Box<Finding>> {
    match job {
        Job::Stdin { bytes, .. } => {
            if bytes.len() as u64 > limit {
                return Err(Box::new(linter::stdin_too_large(bytes.len(), limit)));
            }
            Ok(bytes.clone())
        }
        Job::File(f) => match read_capped(&f.path, limit) {
            Ok(Some(b)) => Ok(b),
            Ok(None) => {
                let size = std::fs::metadata(&f.path).map(|m| m.len()).unwrap_or(0);
                Err(Box::new(linter::file_too_large(size, limit)))
            }
            Err(e) => Err(Box::new(linter::unreadable(e))),
        },
    }
}

/// Why bytes are not text to lint at all.
pub(super) enum NotText {
    /// Not a manifest: a binary `.json` that does not mention `apiVersion` and `kind` is not
    /// ours, as a `.json` that does not parse is not.
    Ignored,
    /// AKS001 for the whole file.
    Rejected(Box<Finding>),
}

/// An input as text: every invalid UTF-8 byte replaced by `?` (one byte for one, so offsets
/// and document markers stay where they were), and where each invalid sequence started. The
/// documents holding one are rejected on their own (see [`crate::yaml::parse_decoded`]); the
/// others are linted.
pub(super) struct Decoded<'b> {
    pub text: Cow<'b, str>,
    pub invalid: Vec<usize>,
}

/// The bytes as text, unless they hold a NUL byte (binary: the whole file is rejected, or
/// ignored for a `.json` that is no manifest).
pub(super) fn decode(bytes: &[u8], kind: FileKind) -> Result<Decoded<'_>, NotText> {
    if is_binary(bytes) {
        if kind == FileKind::Json && !claims_manifest(bytes) {
            return Err(NotText::Ignored);
        }
        return Err(NotText::Rejected(Box::new(linter::binary_file())));
    }
    let (text, invalid) = lossy_text(bytes);
    Ok(Decoded { text, invalid })
}

/// Whether a `.json` file says it is a Kubernetes manifest: then it is ours to report.
pub(super) fn claims_manifest(bytes: &[u8]) -> bool {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    has(b"\"apiVersion\"") && has(b"\"kind\"")
}

/// Reads a file unless it is larger than `limit` (then `Ok(None)`), without reading more.
/// Discovery passes only regular files, but one may have been swapped for a FIFO since, and
/// opening a FIFO blocks: look before opening.
fn read_capped(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = crate::discover::special_kind(&meta);
        return Err(std::io::Error::other(format!(
            "not a regular file ({what})"
        )));
    }
    let f = std::fs::File::open(path)?;
    let size = f.metadata()?.len();
    if size > limit {
        return Ok(None);
    }
    let mut buf = Vec::with_capacity(size as usize);
    f.take(limit + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Ok(None);
    }
    Ok(Some(buf))
}
