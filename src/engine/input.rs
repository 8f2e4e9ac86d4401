//! Reading one YAML/JSON input before it is parsed: the size cap (checked before reading), then
//! binary and UTF-8 checks. What cannot be linted becomes the file's one finding.

use super::Job;
use crate::diagnostic::Finding;
use crate::discover::FileKind;
use crate::rules::linter;
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

/// Why bytes are not text to lint.
pub(super) enum NotText<'b> {
    /// Not a manifest at all: a binary or non-UTF-8 `.json` file is not ours.
    Ignored,
    /// AKS001, and the valid text before the problem (for its position).
    Rejected(Box<Finding>, &'b str),
}

/// The bytes as UTF-8 text, unless they hold a NUL byte (binary) or are not UTF-8.
pub(super) fn decode(bytes: &[u8], kind: FileKind) -> Result<&str, NotText<'_>> {
    if bytes.iter().take(8000).any(|&b| b == 0) {
        if kind == FileKind::Json {
            return Err(NotText::Ignored);
        }
        return Err(NotText::Rejected(Box::new(linter::binary_file()), ""));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        if kind == FileKind::Json {
            return NotText::Ignored;
        }
        let at = e.valid_up_to();
        let prefix = std::str::from_utf8(&bytes[..at]).expect("valid prefix");
        NotText::Rejected(Box::new(linter::invalid_utf8(at)), prefix)
    })
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
