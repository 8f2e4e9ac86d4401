//! The YAML (and JSON) front end: a spanned, bounded tree per document, comments, helm sources.

pub mod comments;
pub mod parse;
pub mod path;
pub mod tree;

pub use comments::Comment;
pub use parse::{DocError, DuplicateKey, ErrorKind, YamlLimits};
pub use tree::{Document, Entry, NodeId, NodeKind, Style};

use crate::source::Span;

/// Everything the front end learned about one file.
pub struct YamlFile<'t> {
    pub docs: Vec<Result<Document<'t>, DocError>>,
    pub duplicates: Vec<DuplicateKey>,
    pub comments: Vec<Comment>,
}

/// Parses a file's text (valid UTF-8; a BOM is skipped).
pub fn parse_file<'t>(text: &'t str, limits: &YamlLimits) -> YamlFile<'t> {
    parse_decoded(text, limits, &[])
}

/// Parses a file's text in which invalid UTF-8 was replaced (byte for byte) before the offsets
/// `invalid`: each document holding one is an [`ErrorKind::Encoding`] error at the first,
/// never parsed; the others are parsed as usual.
pub fn parse_decoded<'t>(text: &'t str, limits: &YamlLimits, invalid: &[usize]) -> YamlFile<'t> {
    let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let parsed = parse::parse_stream(text, base, limits, invalid);
    let mut comments = comments::scan(text, base);
    let mut docs = parsed.docs;
    {
        let ok: Vec<&Document<'_>> = docs.iter().filter_map(|d| d.as_ref().ok()).collect();
        comments::drop_inside_scalars(&mut comments, &ok);
        let failed: Vec<Span> = docs
            .iter()
            .filter_map(|d| d.as_ref().err().map(|e| e.chunk))
            .collect();
        comments::drop_inside_failed(&mut comments, text, &failed);
    }
    for doc in docs.iter_mut().flatten() {
        doc.helm_source = helm_source(text, doc, &comments);
    }
    YamlFile {
        docs,
        duplicates: parsed.duplicates,
        comments,
    }
}

/// helm writes `# Source: chart/templates/x.yaml` between `---` and the document's first node.
fn helm_source(text: &str, doc: &Document<'_>, comments: &[Comment]) -> Option<String> {
    let first_node = doc.root.map_or(doc.span.end, |r| doc.span(r).start);
    comments
        .iter()
        .filter(|c| c.span.start >= doc.span.start && c.span.start < first_node && c.standalone)
        .find_map(|c| text[c.span.range()].strip_prefix("# Source: "))
        .map(|s| s.trim().to_string())
}

#[cfg(test)]
mod tests;
