//! YAML parsers drop comments, so we recover them with a line scan next to the parser: a `#`
//! starts a comment at column 0 or after a blank, outside quoted scalars; candidates that fall
//! inside a scalar's span (block scalars, multi-line quoted strings) are dropped afterwards, and
//! so are those of a document that did not parse past its head (where no scalar can be yet).

use super::tree::{Document, NodeKind};
use crate::source::Span;

#[derive(Debug, Clone)]
pub struct Comment {
    /// From the `#` to the end of the line (without the newline).
    pub span: Span,
    /// True when only blanks precede the `#` on its line.
    pub standalone: bool,
}

/// Candidate comments of `text[base..]`, in order.
pub fn scan(text: &str, base: usize) -> Vec<Comment> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut line = base;
    while line < bytes.len() {
        let end = bytes[line..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| line + i);
        if let Some(c) = scan_line(bytes, line, end) {
            out.push(c);
        }
        line = end + 1;
    }
    out
}

fn scan_line(bytes: &[u8], start: usize, end: usize) -> Option<Comment> {
    // Fast path: most lines hold no `#`.
    let hash = bytes[start..end].iter().position(|&b| b == b'#')?;
    let mut quote: Option<u8> = None;
    let mut i = start;
    let mut prev = b' ';
    let _ = hash;
    while i < end {
        let b = bytes[i];
        match quote {
            Some(b'\'') => {
                if b == b'\'' {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        i += 1;
                    } else {
                        quote = None;
                    }
                }
            }
            Some(_) => {
                if b == b'\\' {
                    i += 1;
                } else if b == b'"' {
                    quote = None;
                }
            }
            None => {
                if b == b'#' && matches!(prev, b' ' | b'\t') {
                    let mut e = end;
                    if e > i && bytes[e - 1] == b'\r' {
                        e -= 1;
                    }
                    let standalone = bytes[start..i].iter().all(|&c| c == b' ' || c == b'\t');
                    return Some(Comment {
                        span: Span::new(i, e),
                        standalone,
                    });
                }
                if (b == b'\'' || b == b'"')
                    && matches!(prev, b' ' | b'\t' | b':' | b'[' | b'{' | b',' | b'-')
                {
                    quote = Some(b);
                }
            }
        }
        prev = b;
        i += 1;
    }
    None
}

/// Drops candidates that lie inside a scalar of one of the documents.
pub fn drop_inside_scalars(comments: &mut Vec<Comment>, docs: &[&Document<'_>]) {
    let mut spans: Vec<Span> = docs
        .iter()
        .flat_map(|d| d.nodes.iter())
        .filter(|n| matches!(n.kind, NodeKind::Scalar { .. }) && n.span.end > n.span.start)
        .map(|n| n.span)
        .collect();
    if spans.is_empty() {
        return;
    }
    spans.sort_unstable();
    comments.retain(|c| {
        let at = c.span.start;
        // The last scalar starting at or before the comment.
        let i = spans.partition_point(|s| s.start <= at);
        i == 0 || spans[i - 1].end <= at
    });
}

/// Drops the candidates of each document that did not parse (`chunks`), but for those of its
/// head: the comment and blank lines before its first content. Past them a `#` may lie inside a
/// multi-line string or a block scalar, and without the document's tree nobody can tell: a
/// suppression read there might be a string's text (and its fix would edit the string).
pub fn drop_inside_failed(comments: &mut Vec<Comment>, text: &str, chunks: &[Span]) {
    if chunks.is_empty() {
        return;
    }
    let unknown: Vec<(usize, usize)> = chunks
        .iter()
        .map(|c| (head_end(text, *c), c.end as usize))
        .filter(|(a, b)| a < b)
        .collect();
    comments.retain(|c| {
        let at = c.span.start as usize;
        !unknown.iter().any(|&(a, b)| a <= at && at < b)
    });
}

/// Where the content of a document's chunk starts: past its `---` line (when nothing but a
/// comment follows the marker there), blank lines and comment lines.
pub(crate) fn head_end(text: &str, chunk: Span) -> usize {
    let (start, end) = (chunk.start as usize, chunk.end as usize);
    let mut at = start;
    for line in text[start..end].split_inclusive('\n') {
        let mut rest = line.trim_start_matches([' ', '\t']);
        if at == start && line.starts_with("---") {
            rest = rest[3..].trim_start_matches([' ', '\t']);
        }
        let rest = rest.trim_end_matches(['\r', '\n']);
        if !(rest.is_empty() || rest.starts_with('#')) {
            return at;
        }
        at += line.len();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<&str> {
        scan(src, 0).iter().map(|c| &src[c.span.range()]).collect()
    }

    #[test]
    fn finds_comments_outside_quotes() {
        let src = "# top\na: b # trailing\nc: \"x # y\"\nd: 'it''s # q'\ne: http://x/#frag\nf: it's # real\n";
        assert_eq!(texts(src), vec!["# top", "# trailing", "# real"]);
    }

    #[test]
    fn a_failed_document_keeps_the_comments_of_its_head_only() {
        let src =
            "# head\n--- # marker\n\n  # also head\na: \"x\n  # in the string\"\nb: [ # broken\n";
        let mut c = scan(src, 0);
        assert_eq!(c.len(), 5);
        let chunk = Span::new(7, src.len());
        drop_inside_failed(&mut c, src, &[chunk]);
        let kept: Vec<&str> = c.iter().map(|c| &src[c.span.range()]).collect();
        assert_eq!(kept, ["# head", "# marker", "# also head"]);
    }

    #[test]
    fn standalone_flag() {
        let c = scan("a: 1\n  # alone\nb: 2 # not\n", 0);
        assert!(c[0].standalone);
        assert!(!c[1].standalone);
    }
}
