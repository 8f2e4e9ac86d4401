//! Line comments in HCL (`#` and `//`) and the lines each one covers, for suppression directives
//! (`# akslint-ignore: AKS201 -- reason`, read by [`crate::suppress`]). Found through hcl-edit's
//! decor — the whitespace and comments kept before (prefix) and after (suffix) each
//! attribute and block. Decor carries no span after parsing, so each one's span is computed
//! from its neighbouring node (a prefix ends where its node starts, a suffix starts where its
//! node ends) and checked against the text; a mismatch drops the decor, never panics.
//!
//! What a comment covers (0-based lines, inclusive):
//! - at the end of an attribute's (last) line, or on the lines above it: the attribute;
//! - on the lines above a block, or at the end of its header line (`network_profile { # …`):
//!   the whole block;
//! - after a block's closing brace, or after the last node of a body: its own line only (it
//!   precedes nothing, so a directive there will be reported as unused).
//!
//! Comments before the file's first node (or in a file of comments only) are its *leading*
//! comments, where `akslint-ignore-file` counts.
//!
//! `/* … */` comments are not directives. Comments inside expressions (between the elements of
//! a list or object) are not seen.

use crate::source::{LineIndex, Span};
use hcl_edit::structure::{Body, Structure};
use hcl_edit::{Decorate, RawString};

/// One `#` or `//` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineComment {
    /// The comment, from `#` or `//` to the end of its line (without the line break).
    pub span: Span,
    /// First and last 0-based line of what it covers.
    pub covers: (usize, usize),
    /// Among the file's leading comments.
    pub leading: bool,
}

/// The line comments of one parsed file, in text order.
pub fn line_comments(text: &str, body: &Body, lines: &LineIndex) -> Vec<LineComment> {
    let mut out = Vec::new();
    let mut w = Walker {
        text,
        lines,
        out: &mut out,
    };
    w.body(body, true);
    out
}

struct Walker<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    out: &'a mut Vec<LineComment>,
}

impl Walker<'_> {
    /// Bodies nest at most 64 deep (hcl-edit's limit), so recursion is bounded.
    fn body(&mut self, body: &Body, top: bool) {
        for (i, s) in body.iter().enumerate() {
            let Some(r) = hcl_edit::Span::span(s) else {
                continue;
            };
            let node = Span::new(r.start, r.end);
            let covers = self.line_range(node);
            let leading = top && i == 0;
            if let Some(p) = s.decor().prefix() {
                let at = (node.start as usize).checked_sub(p.len());
                self.decor(p, at, covers, leading);
            }
            match s {
                Structure::Attribute(_) => {
                    if let Some(x) = s.decor().suffix() {
                        self.decor(x, Some(node.end as usize), covers, false);
                    }
                }
                Structure::Block(b) => {
                    if let Some(x) = s.decor().suffix() {
                        self.decor(x, Some(node.end as usize), OWN_LINE, false);
                    }
                    // A comment at the end of the header line is the body's prefix, which
                    // ends where the body's span starts (at the header's line break).
                    if let (Some(p), Some(r)) =
                        (b.body.decor().prefix(), hcl_edit::Span::span(&b.body))
                    {
                        self.decor(p, r.start.checked_sub(p.len()), covers, false);
                    }
                    self.body(&b.body, false);
                }
            }
        }
        // Comments after the last node, before `}` or the end of the file. A nested body's
        // span includes them; the file's body's does not.
        if let (Some(x), Some(r)) = (body.decor().suffix(), hcl_edit::Span::span(body)) {
            let at = if top {
                Some(r.end)
            } else {
                r.end.checked_sub(x.len())
            };
            self.decor(x, at, OWN_LINE, top && body.is_empty());
        }
    }

    /// Lines of a node, first to last.
    fn line_range(&self, s: Span) -> (usize, usize) {
        let first = self.lines.line_of(s.start as usize);
        let last = self
            .lines
            .line_of((s.end as usize).saturating_sub(1).max(s.start as usize));
        (first, last)
    }

    /// The comments in one decor, which starts at `start` (when computable).
    fn decor(
        &mut self,
        raw: &RawString,
        start: Option<usize>,
        covers: (usize, usize),
        leading: bool,
    ) {
        let d: &str = raw;
        let Some(start) = start.filter(|_| !d.is_empty()) else {
            return;
        };
        if self.text.get(start..start + d.len()) != Some(d) {
            return; // not where we computed: drop rather than misplace
        }
        for span in comments_in(d, start) {
            let own = self.lines.line_of(span.start as usize);
            self.out.push(LineComment {
                span,
                covers: if covers == OWN_LINE {
                    (own, own)
                } else {
                    covers
                },
                leading,
            });
        }
    }
}

/// "Its own line", for comments that precede nothing.
const OWN_LINE: (usize, usize) = (usize::MAX, 0);

/// `#` and `//` comments in a decor (only blanks and comments), with absolute spans that
/// exclude the line break. `/* */` comments are skipped.
fn comments_in(d: &str, base: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let b = d.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'#' || (b[i] == b'/' && b.get(i + 1) == Some(&b'/')) {
            let end = d[i..].find('\n').map_or(d.len(), |j| i + j);
            let text = d[i..end].trim_end_matches('\r');
            out.push(Span::new(base + i, base + i + text.len()));
            i = end;
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            i = d[i + 2..].find("*/").map_or(b.len(), |j| i + 2 + j + 2);
        } else {
            i += 1;
        }
    }
    out
}
