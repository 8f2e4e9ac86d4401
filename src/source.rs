//! Source text positions: byte spans, and their conversion to 1-based lines and columns
//! (columns count Unicode scalar values, as the output contract says).

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

/// Whether bytes are a binary file rather than text: a NUL byte among the first 8,000 (as git
/// decides). Every front end asks this before decoding.
pub fn is_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8000).any(|&b| b == 0)
}

/// Bytes as text, every byte that is not UTF-8 replaced by `?` — one for one, so offsets stay
/// the file's — and where each run of such bytes starts (empty for UTF-8).
pub fn lossy_text(bytes: &[u8]) -> (Cow<'_, str>, Vec<usize>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut text = String::with_capacity(bytes.len());
    let mut invalid = Vec::new();
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            invalid.push(text.len());
            text.extend(std::iter::repeat_n('?', chunk.invalid().len()));
        }
    }
    (Cow::Owned(text), invalid)
}

/// A path as findings show it: its text, with every byte that is not UTF-8 escaped as `\xFF`.
/// A lossy `�` would give distinct files one name (and merge their findings).
pub fn path_text(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned()
    }
}

/// A path as findings show it ([`path_text`]) without a leading `./`: `check .` names
/// `main.tf` and `a.yaml`, as `check` with no path does.
pub fn shown_path(path: &Path) -> String {
    let s = path_text(path);
    match s.strip_prefix("./") {
        Some(rest) => rest.to_string(),
        None => s,
    }
}

/// A byte range into one file's text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// A 1-based line and column (column in Unicode scalar values).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// Start offsets of every line of a text, and marks along its long lines.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// Along every line longer than [`MARK`] bytes (a minified JSON file is one line of many
    /// megabytes), every [`MARK`] bytes: a byte offset on a character boundary and its 1-based
    /// column, so that a column there is counted from the nearest mark, not from the line's start.
    marks: Vec<(u32, u32)>,
}

/// Bytes between two marks of a long line.
const MARK: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| (i + 1) as u32));
        let mut marks = Vec::new();
        for (i, &s) in starts.iter().enumerate() {
            let (s, e) = (
                s as usize,
                starts.get(i + 1).map_or(text.len(), |&e| e as usize),
            );
            if e - s <= MARK {
                continue;
            }
            let (mut at, mut column) = (s, 1);
            while at + MARK < e {
                let mut next = at + MARK;
                while !text.is_char_boundary(next) {
                    next -= 1;
                }
                column += text[at..next].chars().count();
                marks.push((next as u32, column as u32));
                at = next;
            }
        }
        LineIndex { starts, marks }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts
            .get(line)
            .copied()
            .unwrap_or(*self.starts.last().unwrap_or(&0)) as usize
    }

    /// 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based line and column of a byte offset (clamped to the text and to char boundaries).
    pub fn pos(&self, text: &str, offset: usize) -> Pos {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        // From the last mark before the offset on its line, if any.
        let (mut from, mut first) = (start, 1);
        let i = self.marks.partition_point(|&(o, _)| o as usize <= end);
        if let Some(&(o, c)) = i.checked_sub(1).and_then(|i| self.marks.get(i))
            && o as usize >= start
        {
            (from, first) = (o as usize, c);
        }
        let column = text[from..end].chars().count() as u32 + first;
        Pos {
            line: line as u32 + 1,
            column,
        }
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter_map(|(i, &b)| (b == b'\n').then_some(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn paths_escape_bytes_that_are_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(b"a/caf\xe9-\xff\xfe.yaml"));
        assert_eq!(path_text(p), "a/caf\\xE9-\\xFF\\xFE.yaml");
        assert_eq!(path_text(Path::new("é/ok.yaml")), "é/ok.yaml");
    }

    #[test]
    fn positions_count_chars_not_bytes() {
        let text = "a: 1\nnamé: x\n";
        let ix = LineIndex::new(text);
        assert_eq!(ix.pos(text, 0), Pos { line: 1, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(ix.pos(text, x), Pos { line: 2, column: 7 });
        assert_eq!(ix.pos(text, text.len()), Pos { line: 3, column: 1 });
    }

    /// Columns on long lines are counted from marks along them: the same as from the start.
    #[test]
    fn long_lines_count_the_same() {
        let line = "aé€😀 ".repeat(3000);
        let text = format!("x\n{line}\n{line}y\nz");
        let ix = LineIndex::new(&text);
        assert!(ix.marks.len() > 10);
        for offset in (0..=text.len())
            .step_by(37)
            .chain([text.len() - 1, text.len()])
        {
            let line = ix.line_of(offset);
            let start = ix.line_start(line);
            let mut end = offset;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let want = text[start..end].chars().count() as u32 + 1;
            assert_eq!(ix.pos(&text, offset).column, want, "at {offset}");
        }
    }
}
