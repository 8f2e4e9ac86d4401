//! Editing block-style YAML in place: every edit touches only the lines of the keys it sets,
//! inserts or removes, at the indentation of their siblings, with the file's line ending; the
//! rest of the file (comments, quoting, blank lines) stays byte for byte. A mapping written in
//! flow style (`{a: 1}`) is not edited, except an empty one (`securityContext: {}`), which
//! becomes the block mapping of what is set in it.

use super::Edit;
use crate::source::LineIndex;
use crate::yaml::{Document, Entry, NodeId, NodeKind, Style};

/// One document of a file's text, to edit.
pub(super) struct Editor<'a, 't> {
    pub text: &'a str,
    pub doc: &'a Document<'t>,
    lines: &'a LineIndex,
    /// `\n`, or `\r\n` when the file's first line ends so.
    eol: &'static str,
    /// How much deeper a nested mapping is indented than its key, as the document does it.
    step: usize,
}

impl<'a, 't> Editor<'a, 't> {
    pub fn new(text: &'a str, doc: &'a Document<'t>, lines: &'a LineIndex) -> Self {
        let eol = match text.find('\n') {
            Some(i) if text[..i].ends_with('\r') => "\r\n",
            _ => "\n",
        };
        let mut ed = Editor {
            text,
            doc,
            lines,
            eol,
            step: 2,
        };
        ed.step = ed.indent_step().unwrap_or(2);
        ed
    }

    /// The first nesting of a block mapping in a block mapping: its keys' column minus its key's.
    fn indent_step(&self) -> Option<usize> {
        let doc = self.doc;
        (0..doc.node_count() as NodeId).find_map(|id| {
            let NodeKind::Map(entries) = &doc.node(id).kind else {
                return None;
            };
            entries.iter().find_map(|&(k, v)| {
                let NodeKind::Map(inner) = &doc.node(v).kind else {
                    return None;
                };
                let &(first, _) = inner.first()?;
                let (outer, inner) = (
                    self.col(doc.span(k).start)?,
                    self.col(doc.span(first).start)?,
                );
                (inner > outer && !self.is_flow(v)).then(|| inner - outer)
            })
        })
    }

    /// The column of `offset` when only blanks and sequence dashes (`- `) precede it on its
    /// line: the indentation of a key written there.
    fn col(&self, offset: u32) -> Option<usize> {
        let offset = offset as usize;
        let start = self.lines.line_start(self.lines.line_of(offset));
        let prefix = self.text.get(start..offset)?;
        prefix
            .bytes()
            .all(|b| b == b' ' || b == b'-')
            .then_some(prefix.len())
    }

    /// Whether a collection is written in flow style (`{…}`, `[…]`).
    pub fn is_flow(&self, node: NodeId) -> bool {
        let at = self.doc.span(node).start as usize;
        matches!(self.text.as_bytes().get(at), Some(b'{' | b'['))
    }

    fn is_empty_flow_map(&self, node: NodeId) -> bool {
        self.is_flow(node) && self.doc.raw_entries(node).is_empty() && self.doc.is_map(node)
    }

    /// Where a line inserted after the one holding `end` goes, when that line holds nothing
    /// after `end` but blanks or a comment; `true` when the text ends there without a newline.
    fn line_after(&self, end: usize) -> Option<(usize, bool)> {
        let text = self.text;
        if end > 0 && text.as_bytes().get(end - 1) == Some(&b'\n') {
            return Some((end, false));
        }
        let rest = text.get(end..)?;
        let nl = rest.find('\n');
        let tail = rest[..nl.unwrap_or(rest.len())].trim();
        if !(tail.is_empty() || tail.starts_with('#')) {
            return None;
        }
        Some(match nl {
            Some(i) => (end + i + 1, false),
            None => (text.len(), true),
        })
    }

    /// Inserts `lines` (each ending in the file's line ending) after the line holding `end`.
    fn insert_after(&self, end: usize, lines: String) -> Option<Edit> {
        let (at, at_eof) = self.line_after(end)?;
        if at_eof {
            // The file ends without a newline: so does it after the edit.
            let body = lines.strip_suffix(self.eol).unwrap_or(&lines);
            return Some(Edit::insert(at, format!("{}{body}", self.eol)));
        }
        Some(Edit::insert(at, lines))
    }

    /// `path` as nested block mappings at `indent`, the last key holding `value`.
    fn block(&self, indent: usize, path: &[&str], value: &str) -> String {
        let mut out = String::new();
        for (depth, key) in path.iter().enumerate() {
            out.push_str(&" ".repeat(indent + depth * self.step));
            out.push_str(key);
            out.push(':');
            if depth + 1 == path.len() {
                out.push(' ');
                out.push_str(value);
            }
            out.push_str(self.eol);
        }
        out
    }

    /// The end of a mapping's last entry as written.
    fn last_end(&self, map: NodeId) -> Option<usize> {
        let &(k, v) = self.doc.raw_entries(map).last()?;
        self.entry_end(k, v)
    }

    /// Where an entry's text ends: its value's last scalar, or the bracket closing a flow
    /// collection (found in the text, past line breaks and commas), or the key when the value is
    /// empty.
    fn entry_end(&self, key: NodeId, value: NodeId) -> Option<usize> {
        let doc = self.doc;
        let (mut k, mut node) = (key, value);
        // The flow collections on the way down, each closed after what it holds.
        let mut flows = Vec::new();
        // One level down per step: at most as many steps as nodes.
        for _ in 0..doc.node_count() {
            let last = match &doc.node(node).kind {
                NodeKind::Map(entries) => entries.last().copied(),
                NodeKind::Seq(items) => items.last().map(|&i| (k, i)),
                _ => break,
            };
            if self.is_flow(node) {
                flows.push(node);
            }
            match last {
                Some((lk, lv)) => (k, node) = (lk, lv),
                None => break,
            }
        }
        let span = doc.span(node);
        let mut end = match &doc.node(node).kind {
            NodeKind::Map(_) | NodeKind::Seq(_) => span.start as usize + 1, // an empty `{`/`[`
            _ if span.start == span.end => doc.span(k).end as usize,
            NodeKind::Scalar {
                style: Style::Block,
                ..
            } => {
                // Past the blank lines after its last content line: they are part of a `|+`
                // scalar's value.
                let end = span.end as usize;
                let after = self.text.get(end..)?;
                let blanks = after.len() - after.trim_start_matches([' ', '\t', '\r', '\n']).len();
                after[..blanks].rfind('\n').map_or(end, |i| end + i + 1)
            }
            _ => span.end as usize,
        };
        for _ in &flows {
            end = self.close_after(end)?;
        }
        Some(end)
    }

    /// The byte after the `]` or `}` that follows `from` past blanks, line breaks and commas.
    fn close_after(&self, from: usize) -> Option<usize> {
        let rest = self.text.get(from..)?;
        let i = rest.find(|c: char| !matches!(c, ' ' | '\t' | '\r' | '\n' | ','))?;
        matches!(rest.as_bytes()[i], b']' | b'}').then_some(from + i + 1)
    }

    /// The byte after the `:` that follows a key, when it follows right away (`key:`).
    fn after_colon(&self, key: NodeId) -> Option<usize> {
        let end = self.doc.span(key).end as usize;
        (self.text.as_bytes().get(end) == Some(&b':')).then_some(end + 1)
    }

    /// Sets `path` (keys from the block mapping `map`) to the scalar `value`: the value replaced
    /// where the last key is written, else the missing keys inserted as block mappings under
    /// the deepest one that is. `None` where that cannot be done in block style.
    pub fn set(&self, map: NodeId, path: &[&str], value: &str) -> Option<Vec<Edit>> {
        let (key, rest) = path.split_first()?;
        if !self.doc.is_map(map) || self.is_flow(map) {
            return None;
        }
        let Some(e) = self.doc.entry(map, key) else {
            let indent = self.col(self.doc.span(self.doc.raw_entries(map).first()?.0).start)?;
            let end = self.last_end(map)?;
            return Some(vec![
                self.insert_after(end, self.block(indent, path, value))?,
            ]);
        };
        if rest.is_empty() {
            return self.set_scalar(e, value);
        }
        if self.is_empty_flow_map(e.value) {
            // `key: {}` → `key:` and the block under it.
            let indent = self.col(self.doc.span(e.key).start)? + self.step;
            let colon = self.after_colon(e.key)?;
            let end = self.close_after(self.doc.span(e.value).start as usize + 1)?;
            let nested = self.block(indent, rest, value);
            let nested = nested.strip_suffix(self.eol).unwrap_or(&nested);
            return Some(vec![Edit::replace(
                colon,
                end,
                format!("{}{nested}", self.eol),
            )]);
        }
        if self.doc.is_null(e.value) {
            return self.open_null(e, rest, value);
        }
        self.set(e.value, rest, value)
    }

    /// `key:` (or `key: null`) → `key:` and the block of `path` under it.
    fn open_null(&self, e: Entry, path: &[&str], value: &str) -> Option<Vec<Edit>> {
        let colon = self.after_colon(e.key)?;
        let vspan = self.doc.span(e.value);
        let indent = self.col(self.doc.span(e.key).start)? + self.step;
        let mut edits = Vec::new();
        let mut end = colon;
        if vspan.end > vspan.start && vspan.start as usize >= colon {
            // The written `null` or `~` goes.
            edits.push(Edit::delete(colon, vspan.end as usize));
            end = vspan.end as usize;
        }
        edits.push(self.insert_after(end, self.block(indent, path, value))?);
        Some(edits)
    }

    /// Replaces a one-line plain or quoted scalar (or an empty value) with `value`.
    fn set_scalar(&self, e: Entry, value: &str) -> Option<Vec<Edit>> {
        let node = self.doc.node(e.value);
        if !matches!(
            node.kind,
            NodeKind::Scalar {
                style: Style::Plain | Style::Quoted,
                ..
            }
        ) {
            return None;
        }
        let span = node.span;
        let colon = self.after_colon(e.key)?;
        if span.start == span.end || (span.start as usize) < colon {
            // `key:` with nothing after it.
            return Some(vec![Edit::insert(colon, format!(" {value}"))]);
        }
        let written = self.text.get(span.range())?;
        if written.contains('\n') {
            return None;
        }
        Some(vec![Edit::replace(
            span.start as usize,
            span.end as usize,
            value,
        )])
    }

    /// Adds `item` at the end of a sequence: a `- item` line in block style, `, item` before
    /// the `]` of a one-line flow sequence.
    pub fn append_item(&self, seq: NodeId, item: &str) -> Option<Edit> {
        let NodeKind::Seq(items) = &self.doc.node(seq).kind else {
            return None;
        };
        let span = self.doc.span(seq);
        // Quoted as the items before it are.
        let quote = items
            .last()
            .filter(|&&i| self.doc.style(i) == Some(Style::Quoted))
            .and_then(|&i| {
                self.text
                    .get(self.doc.span(i).start as usize..)?
                    .chars()
                    .next()
            });
        let item = &match quote {
            Some(q) => format!("{q}{item}{q}"),
            None => item.to_string(),
        };
        if self.is_flow(seq) {
            let open = span.start as usize;
            let after = match items.last() {
                None => open + 1,
                Some(&last) => self.entry_end(last, last)?,
            };
            let close = self.close_after(after)?;
            let between = self.text.get(after..close - 1)?;
            if self.text.get(open..close)?.contains('\n') || between.contains(',') {
                return None; // over several lines, or a trailing comma
            }
            return Some(match items.last() {
                None => Edit::replace(open, close, format!("[{item}]")),
                Some(_) => Edit::insert(after, format!(", {item}")),
            });
        }
        let last = *items.last()?;
        let start = self.doc.span(last).start as usize;
        let line = self.lines.line_start(self.lines.line_of(start));
        let prefix = self.text.get(line..start)?;
        let dash = prefix.trim_end();
        if !(dash.ends_with('-') && dash[..dash.len() - 1].bytes().all(|b| b == b' ')) {
            return None;
        }
        // An empty last item (`-` alone on its line) has no space after its dash to copy.
        let gap = if prefix.len() > dash.len() { "" } else { " " };
        let end = self.entry_end(last, last)?;
        self.insert_after(end, format!("{prefix}{gap}{item}{}", self.eol))
    }

    /// Removes the lines of a block mapping entry (its key alone at the start of its line, its
    /// value ending a line).
    pub fn remove_entry(&self, key: NodeId, value: NodeId) -> Option<Edit> {
        let kstart = self.doc.span(key).start as usize;
        let line = self.lines.line_start(self.lines.line_of(kstart));
        if !self.text.get(line..kstart)?.bytes().all(|b| b == b' ') {
            return None;
        }
        let end = self.entry_end(key, value)?;
        let (to, at_eof) = self.line_after(end)?;
        if at_eof {
            // The last line goes with the line ending before it.
            let from = line.checked_sub(self.eol.len()).unwrap_or(line);
            return Some(Edit::delete(from, to));
        }
        Some(Edit::delete(line, to))
    }
}

#[cfg(test)]
mod tests {
    use super::super::apply::apply_edits;
    use super::*;
    use crate::yaml::{YamlLimits, parse_file};

    /// `set` on the mapping at `path` (keys from the root) of the first document.
    fn set(text: &str, at: &[&str], path: &[&str], value: &str) -> Option<String> {
        let file = parse_file(text, &YamlLimits::default());
        let doc = file.docs[0].as_ref().unwrap();
        let lines = LineIndex::new(text);
        let ed = Editor::new(text, doc, &lines);
        let mut map = doc.root?;
        for k in at {
            map = doc.get(map, k)?;
        }
        let edits = ed.set(map, path, value)?;
        Some(apply_edits(text, &edits))
    }

    #[test]
    fn replaces_a_written_value_and_keeps_the_comment() {
        let text = "c:\n  sc:\n    a: true # keep\n    b: 1\n";
        assert_eq!(
            set(text, &["c"], &["sc", "a"], "false").unwrap(),
            "c:\n  sc:\n    a: false # keep\n    b: 1\n"
        );
        let quoted = "c:\n  a: \"false\"\n";
        assert_eq!(
            set(quoted, &["c"], &["a"], "false").unwrap(),
            "c:\n  a: false\n"
        );
    }

    #[test]
    fn inserts_missing_keys_at_the_siblings_indentation() {
        let text = "spec:\n    containers:\n    -   name: web\n        image: x\n";
        assert_eq!(
            set(
                text,
                &["spec"],
                &["securityContext", "runAsNonRoot"],
                "true"
            )
            .unwrap(),
            "spec:\n    containers:\n    -   name: web\n        image: x\n    securityContext:\n        runAsNonRoot: true\n"
        );
        let crlf = "a:\r\n  b: 1\r\n";
        assert_eq!(
            set(crlf, &["a"], &["c", "d"], "x").unwrap(),
            "a:\r\n  b: 1\r\n  c:\r\n    d: x\r\n"
        );
        let no_final_newline = "a:\n  b: 1";
        assert_eq!(
            set(no_final_newline, &["a"], &["c"], "x").unwrap(),
            "a:\n  b: 1\n  c: x"
        );
    }

    #[test]
    fn empty_and_null_values_open_into_blocks() {
        assert_eq!(
            set("a:\n  sc: {}\n", &["a"], &["sc", "x"], "1").unwrap(),
            "a:\n  sc:\n    x: 1\n"
        );
        assert_eq!(
            set("a:\n  sc: {}  # c\n  b: 2\n", &["a"], &["sc", "x"], "1").unwrap(),
            "a:\n  sc:\n    x: 1  # c\n  b: 2\n"
        );
        // After a last entry in flow style, followed by a comment and another mapping.
        assert_eq!(
            set(
                "a:\n  l: {x: [1, {y: 2}]}  # c\nb: 1\n",
                &["a"],
                &["n"],
                "1"
            )
            .unwrap(),
            "a:\n  l: {x: [1, {y: 2}]}  # c\n  n: 1\nb: 1\n"
        );
        // After a block scalar.
        assert_eq!(
            set(
                "a:\n  s: |\n    text\n\n  t: x\nb: 1\n",
                &["a"],
                &["n"],
                "1"
            )
            .unwrap(),
            "a:\n  s: |\n    text\n\n  t: x\n  n: 1\nb: 1\n"
        );
        assert_eq!(
            set("a:\n  s: |\n    text\nb: 1\n", &["a"], &["n"], "1").unwrap(),
            "a:\n  s: |\n    text\n  n: 1\nb: 1\n"
        );
        // The blank lines after a `|+` scalar are part of its value: the key goes after them.
        let keep = "a:\n  s: |+\n    text\n\n  \n# c\nb: 1\n";
        let kept = set(keep, &["a"], &["n"], "1").unwrap();
        assert_eq!(kept, "a:\n  s: |+\n    text\n\n  \n  n: 1\n# c\nb: 1\n");
        let s = |t: &str| {
            let file = parse_file(t, &YamlLimits::default());
            let doc = file.docs[0].as_ref().unwrap();
            let a = doc.get(doc.root.unwrap(), "a").unwrap();
            doc.str(doc.get(a, "s").unwrap()).unwrap().to_string()
        };
        assert_eq!(s(&kept), "text\n\n\n");
        assert_eq!(s(&kept), s(keep));
        // At the end of the file, without a final line break.
        assert_eq!(
            set("a:\n  s: >\n    text", &["a"], &["n"], "1").unwrap(),
            "a:\n  s: >\n    text\n  n: 1"
        );
        assert_eq!(
            set(
                "a:\n  b:\n    s:\n    - |\n      text\n  c: 1\n",
                &["a", "b"],
                &["n"],
                "1"
            )
            .unwrap(),
            "a:\n  b:\n    s:\n    - |\n      text\n    n: 1\n  c: 1\n"
        );
        assert_eq!(
            set("a:\n  sc:\n  b: 2\n", &["a"], &["sc", "x"], "1").unwrap(),
            "a:\n  sc:\n    x: 1\n  b: 2\n"
        );
        assert_eq!(
            set("a:\n  sc: null # c\n", &["a"], &["sc", "x"], "1").unwrap(),
            "a:\n  sc: # c\n    x: 1\n"
        );
        assert_eq!(
            set("a:\n  x:\n  b: 2\n", &["a"], &["x"], "1").unwrap(),
            "a:\n  x: 1\n  b: 2\n"
        );
    }

    #[test]
    fn flow_mappings_are_left_alone() {
        assert_eq!(set("a: {b: 1}\n", &["a"], &["c"], "x"), None);
        assert_eq!(set("a:\n  sc: {b: 1}\n", &["a"], &["sc", "c"], "x"), None);
    }

    #[test]
    fn items_are_appended_in_either_style() {
        let append = |text: &str| {
            let file = parse_file(text, &YamlLimits::default());
            let doc = file.docs[0].as_ref().unwrap();
            let lines = LineIndex::new(text);
            let ed = Editor::new(text, doc, &lines);
            let seq = doc.get(doc.root.unwrap(), "drop").unwrap();
            ed.append_item(seq, "ALL").map(|e| apply_edits(text, &[e]))
        };
        assert_eq!(
            append("drop: [NET_RAW]\n").unwrap(),
            "drop: [NET_RAW, ALL]\n"
        );
        assert_eq!(append("drop: []\n").unwrap(), "drop: [ALL]\n");
        assert_eq!(
            append("drop:\n  - NET_RAW # x\nb: 1\n").unwrap(),
            "drop:\n  - NET_RAW # x\n  - ALL\nb: 1\n"
        );
        assert_eq!(
            append("drop:\n  - NET_RAW\n  -\n\nb: 1\n").unwrap(),
            "drop:\n  - NET_RAW\n  -\n  - ALL\n\nb: 1\n"
        );
        // The parser places an empty item followed by a comment after the comment: no fix.
        assert_eq!(append("drop:\n  - NET_RAW\n  -   # c\nb: 1\n"), None);
        assert_eq!(append("drop: [A,\n  B]\n"), None);
        assert_eq!(append("drop: [A, ]\n"), None);
        assert_eq!(
            append("drop: [\"NET_RAW\"]  # c\nb: 1\n").unwrap(),
            "drop: [\"NET_RAW\", \"ALL\"]  # c\nb: 1\n"
        );
        assert_eq!(
            append("drop: []  # c\nb: 1\n").unwrap(),
            "drop: [ALL]  # c\nb: 1\n"
        );
    }
}
