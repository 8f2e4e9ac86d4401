//! Code frames no wider than [`MAX_LINE`]: codespan-reporting prints every line a label touches
//! whole, so a finding on a 9 MB one-line file printed 9 MB, once per finding. A longer line is
//! shown as a window of [`WINDOW`] bytes around where the finding points; the line and column
//! in the header stay those of the file.

use crate::source::LineIndex;
use codespan_reporting::diagnostic::Label;
use codespan_reporting::files::{Error, Files, SimpleFiles};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

/// Lines up to this many bytes are shown whole.
pub(super) const MAX_LINE: usize = 500;
/// How much of a longer line is shown.
pub(super) const WINDOW: usize = 240;
/// Of which before the first label.
const BEFORE: usize = 60;

pub(super) type Sources = SimpleFiles<String, Arc<str>>;

/// The files of one frame, with a window for each long line its labels start on.
pub(super) struct Framed<'f> {
    files: &'f Sources,
    /// Each file's line index (by file ID), for files longer than [`MAX_LINE`]: a column on a
    /// long line is counted from its marks (see [`LineIndex`]), not from the line's start — a
    /// minified plan of 50 MB is one line, and each of its findings wants a column.
    columns: &'f [Option<LineIndex>],
    windows: BTreeMap<(usize, usize), Range<usize>>,
}

/// The line indexes [`Framed`] counts columns on long lines with, by file ID.
pub(super) fn columns(files: &Sources, count: usize) -> Vec<Option<LineIndex>> {
    (0..count)
        .map(|id| {
            let text = files.source(id).ok()?;
            (text.len() > MAX_LINE).then(|| LineIndex::new(text))
        })
        .collect()
}

impl<'f> Framed<'f> {
    /// The files and the labels (the primary first) to show: a label on a long line is cut to
    /// the window of its start line (a label ending on a long line, to its start line), and a
    /// secondary one outside that window is left out.
    pub fn new(
        files: &'f Sources,
        columns: &'f [Option<LineIndex>],
        labels: Vec<Label<usize>>,
    ) -> (Framed<'f>, Vec<Label<usize>>) {
        let mut framed = Framed {
            files,
            columns,
            windows: BTreeMap::new(),
        };
        let shown = labels.into_iter().filter_map(|l| framed.fit(l)).collect();
        (framed, shown)
    }

    /// The label as shown, if it can be.
    fn fit(&mut self, mut label: Label<usize>) -> Option<Label<usize>> {
        let id = label.file_id;
        let text = self.files.source(id).ok()?;
        let start_line = self.files.line_index(id, label.range.start).ok()?;
        let end_line = self.files.line_index(id, label.range.end).ok()?;
        let line = self.files.line_range(id, start_line).ok()?;
        let long = |l: usize| {
            self.files
                .line_range(id, l)
                .is_ok_and(|r| r.len() > MAX_LINE)
        };
        // A label that ends on a long line is shown up to the end of the line it starts on, its
        // line break left out: an end past it is on the long line, whose window, made for
        // another label, may start after it (codespan-reporting then subtracted past 0).
        let text_end = line.start + text[line.clone()].trim_end_matches(['\n', '\r']).len();
        let on_its_line = |end: usize| end.min(text_end).max(label.range.start);
        if !long(start_line) {
            if long(end_line) {
                label.range.end = on_its_line(label.range.end);
            }
            return Some(label);
        }
        let window = self
            .windows
            .entry((id, start_line))
            .or_insert_with(|| window(text, line, label.range.start))
            .clone();
        if !window.contains(&label.range.start) && label.range.start != window.end {
            return None;
        }
        // Within the window, which may reach the line's end, line break included.
        label.range.end = on_its_line(label.range.end.min(window.end));
        Some(label)
    }
}

/// `WINDOW` bytes of the line `line` of `text`, from a little before `at`, on char boundaries.
fn window(text: &str, line: Range<usize>, at: usize) -> Range<usize> {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(at.saturating_sub(BEFORE).max(line.start));
    let end = floor((start + WINDOW).min(line.end));
    start..end
}

impl<'a> Files<'a> for Framed<'_> {
    type FileId = usize;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<String, Error> {
        self.files.name(id)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        self.files.source(id)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        self.files.line_index(id, byte_index)
    }

    /// A long line is its window (or its first `WINDOW` bytes, when no label starts on it).
    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        let line = self.files.line_range(id, line_index)?;
        if line.len() <= MAX_LINE {
            return Ok(line);
        }
        match self.windows.get(&(id, line_index)) {
            Some(w) => Ok(w.clone()),
            None => Ok(window(self.files.source(id)?, line.clone(), line.start)),
        }
    }

    /// Columns count from the start of the line, not of its window.
    fn column_number(&'a self, id: usize, line_index: usize, byte: usize) -> Result<usize, Error> {
        let line = self.files.line_range(id, line_index)?;
        if line.len() > MAX_LINE
            && let Some(Some(ix)) = self.columns.get(id)
        {
            return Ok(ix.pos(self.files.source(id)?, byte).column as usize);
        }
        self.files.column_number(id, line_index, byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use codespan_reporting::diagnostic::Diagnostic;
    use codespan_reporting::term::{self, termcolor};

    fn render(text: &str, labels: Vec<Label<usize>>) -> String {
        let mut files = Sources::new();
        let id = files.add("f.json".to_string(), Arc::from(text));
        let labels: Vec<Label<usize>> = labels
            .into_iter()
            .map(|mut l| {
                l.file_id = id;
                l
            })
            .collect();
        let columns = columns(&files, 1);
        let (framed, labels) = Framed::new(&files, &columns, labels);
        let frame = Diagnostic::error().with_message("m").with_labels(labels);
        let mut buf = termcolor::Buffer::no_color();
        term::emit(&mut buf, &term::Config::default(), &framed, &frame).unwrap();
        String::from_utf8(buf.into_inner()).unwrap()
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_at_the_right_column() {
        let text = format!(
            "{}\"privileged\": true{}\n",
            "é".repeat(400_000),
            " ".repeat(9)
        );
        let at = text.find("\"privileged\"").unwrap();
        let out = render(
            &text,
            vec![
                Label::primary(0, at..at + 12).with_message("here"),
                Label::secondary(0, 0..2).with_message("far away"),
            ],
        );
        assert!(out.len() < 2 * WINDOW + 300, "{} bytes", out.len());
        assert!(out.contains("f.json:1:400001"), "{out}");
        assert!(out.contains("\"privileged\": true"), "{out}");
        assert!(out.contains("^^^^^^^^^^^^ here"), "{out}");
        assert!(!out.contains("far away"), "{out}");
    }

    #[test]
    fn a_label_from_a_short_line_into_a_long_one_stays_on_its_first_line() {
        // The second label's window on the long line starts far past the first label's end,
        // which codespan-reporting would have subtracted from (found by fuzzing).
        let text = format!("a: {{\n{}\n", "x".repeat(600));
        let out = render(
            &text,
            vec![
                Label::primary(0, 3..305).with_message("from here"),
                Label::secondary(0, 555..560).with_message("there"),
            ],
        );
        assert!(out.contains("1 │ a: {"), "{out}");
        assert!(out.contains("from here"), "{out}");
        assert!(out.contains("there"), "{out}");
    }

    #[test]
    fn a_label_from_the_end_of_a_long_line_into_another_stays_on_its_first_line() {
        // The first label's window reaches its line's end, line break included; the second
        // label's window on the next long line starts far past that line's start, which
        // codespan-reporting would have subtracted the first label's end from (found by
        // fuzzing).
        let text = format!("{}\n{}\n", "x".repeat(600), "y".repeat(600));
        let out = render(
            &text,
            vec![
                Label::primary(0, 550..700).with_message("from here"),
                Label::secondary(0, 1101..1106).with_message("there"),
            ],
        );
        assert!(out.contains("from here"), "{out}");
        assert!(out.contains("there"), "{out}");
        assert!(out.contains("1 │ xxx"), "{out}");
        assert!(!out.contains('╭'), "one line, no multi-line label: {out}");
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let text = "a: 1\nprivileged: true\n";
        let out = render(text, vec![Label::primary(0, 5..15).with_message("here")]);
        assert!(out.contains("2 │ privileged: true"), "{out}");
        assert!(out.contains("f.json:2:1"), "{out}");
    }
}
