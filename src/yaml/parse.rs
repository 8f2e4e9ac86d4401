//! Builds [`Document`]s from `saphyr-parser`'s event iterator, iteratively, within limits.
//!
//! The stream is first split at document markers (`---` / `...` at column 0) so that a syntax
//! error loses only its own document: the parser cannot resume after an error (it repeats it
//! forever), so we stop at the first one. Markers count characters; we convert to bytes.

use super::tree::{Document, Node, NodeId, NodeKind, Style};
use crate::source::Span;
use saphyr_parser::{Event, Parser, ScalarStyle};
use std::cell::Cell;
use std::collections::HashMap;

/// How deep flow collections (`[`, `{`) nest at most, whatever [`YamlLimits::depth`] says:
/// saphyr-parser counts flow levels in a `u8`.
pub const MAX_FLOW_DEPTH: usize = 255;

/// Safety limits of the YAML front end (`[limits]` in `akslint.toml`).
#[derive(Debug, Clone, Copy)]
pub struct YamlLimits {
    /// Maximum nesting depth of collections (flow collections stop at [`MAX_FLOW_DEPTH`]).
    pub depth: usize,
    /// Maximum number of nodes in one document.
    pub nodes: usize,
    /// Maximum number of alias dereferences while linting one document.
    pub aliases: u64,
}

impl Default for YamlLimits {
    fn default() -> Self {
        YamlLimits {
            depth: 256,
            nodes: 5_000_000,
            aliases: 100_000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// Invalid YAML (AKS001).
    Syntax,
    /// A mapping key that is not a scalar (AKS001).
    ComplexKey,
    /// A limit was exceeded (AKS002).
    Limit,
    /// Bytes that are not UTF-8 (AKS001); the offset is the first of them.
    Encoding,
}

/// Why one document could not be built.
#[derive(Debug, Clone)]
pub struct DocError {
    pub kind: ErrorKind,
    pub message: String,
    /// Byte offset of the problem.
    pub offset: usize,
    /// Byte range of the document's chunk.
    pub chunk: Span,
}

/// A duplicated mapping key: the earlier and the winning (last) occurrence.
#[derive(Debug, Clone)]
pub struct DuplicateKey {
    pub key: String,
    pub first: Span,
    pub last: Span,
}

pub struct Parsed<'t> {
    pub docs: Vec<Result<Document<'t>, DocError>>,
    pub duplicates: Vec<DuplicateKey>,
}

/// Parses a whole (multi-document) stream, without a BOM at `base`. A chunk holding one of the
/// sorted offsets `invalid` (where the input was not UTF-8) is an encoding error, not parsed.
pub fn parse_stream<'t>(
    text: &'t str,
    base: usize,
    limits: &YamlLimits,
    invalid: &[usize],
) -> Parsed<'t> {
    let mut out = Parsed {
        docs: Vec::new(),
        duplicates: Vec::new(),
    };
    for chunk in split_documents(text, base) {
        let first_invalid = invalid
            .iter()
            .find(|&&at| chunk.start as usize <= at && at < chunk.end as usize);
        if let Some(&offset) = first_invalid {
            out.docs.push(Err(DocError {
                kind: ErrorKind::Encoding,
                message: format!("invalid UTF-8 at byte {offset}"),
                offset,
                chunk,
            }));
            continue;
        }
        if text[chunk.range()].trim().is_empty() {
            continue;
        }
        parse_chunk(text, chunk, limits, &mut out);
    }
    out
}

/// Splits at lines that are document markers: `---` or `...` at column 0 followed by a blank or
/// the end of the line. A `---` line starts a chunk; a `...` line ends one.
pub fn split_documents(text: &str, base: usize) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut chunks = Vec::new();
    let mut start = base;
    let mut line = base;
    while line < bytes.len() {
        let next = bytes[line..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| line + i + 1);
        let l = &bytes[line..next];
        let is_marker = |m: &[u8]| {
            l.starts_with(m)
                && l.get(3)
                    .is_none_or(|&c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
        };
        if is_marker(b"---") {
            if line > start {
                chunks.push(Span::new(start, line));
            }
            start = line;
        } else if is_marker(b"...") {
            chunks.push(Span::new(start, next));
            start = next;
        }
        line = next;
    }
    if start < bytes.len() {
        chunks.push(Span::new(start, bytes.len()));
    }
    chunks
}

/// Converts saphyr's character indices (relative to a chunk) into byte offsets.
struct CharToByte<'a> {
    text: &'a str,
    base: usize,
    /// Byte offset (relative) of every 64th character; empty when the chunk is ASCII.
    checkpoints: Vec<u32>,
}

impl<'a> CharToByte<'a> {
    fn new(text: &'a str, base: usize) -> Self {
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            for (n, (i, _)) in text.char_indices().enumerate() {
                if n % 64 == 0 {
                    checkpoints.push(i as u32);
                }
            }
        }
        CharToByte {
            text,
            base,
            checkpoints,
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.checkpoints.is_empty() {
            return self.base + char_index.min(self.text.len());
        }
        let Some(&cp) = self.checkpoints.get(char_index / 64) else {
            return self.base + self.text.len();
        };
        let rest = &self.text[cp as usize..];
        let off = rest
            .char_indices()
            .nth(char_index % 64)
            .map_or(rest.len(), |(i, _)| i);
        self.base + cp as usize + off
    }
}

enum Frame {
    Seq {
        id: NodeId,
        items: Vec<NodeId>,
    },
    Map {
        id: NodeId,
        entries: Vec<(NodeId, NodeId)>,
        key: Option<NodeId>,
    },
}

fn parse_chunk<'t>(text: &'t str, chunk: Span, limits: &YamlLimits, out: &mut Parsed<'t>) {
    let src = &text[chunk.range()];
    let conv = CharToByte::new(src, chunk.start as usize);
    let mut nodes: Vec<Node> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, NodeId> = HashMap::new();
    let mut root: Option<NodeId> = None;
    let err = |kind, message: String, offset| DocError {
        kind,
        message,
        offset,
        chunk,
    };

    for ev in Parser::new_from_str(src) {
        let (event, span) = match ev {
            Ok(e) => e,
            Err(e) => {
                let offset = conv.byte(e.marker().index());
                let (kind, message) = match e.info() {
                    // saphyr counts flow levels in a `u8`: a ceiling `[limits] depth` cannot raise.
                    "recursion limit exceeded" => (
                        ErrorKind::Limit,
                        format!(
                            "flow collections (`[`, `{{`) nested deeper than the YAML parser's fixed limit of {MAX_FLOW_DEPTH}"
                        ),
                    ),
                    info => (ErrorKind::Syntax, info.to_string()),
                };
                out.docs.push(Err(err(kind, message, offset)));
                return; // the parser cannot resume: the rest of this chunk is lost, not the file
            }
        };
        let start = conv.byte(span.start.index());
        let end = conv.byte(span.end.index());
        let new_node = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing => continue,
            Event::DocumentStart(_) => {
                root = None;
                continue;
            }
            Event::DocumentEnd => {
                if root.is_none() {
                    continue;
                }
                let doc_nodes = std::mem::take(&mut nodes);
                anchors.clear();
                out.docs.push(Ok(Document {
                    text,
                    nodes: doc_nodes,
                    root,
                    span: chunk,
                    helm_source: None,
                    alias_budget: Cell::new(limits.aliases),
                    alias_exhausted: Cell::new(false),
                }));
                continue;
            }
            Event::Alias(anchor) => {
                let Some(&target) = anchors.get(&anchor) else {
                    out.docs.push(Err(err(
                        ErrorKind::Syntax,
                        "alias to an unknown anchor".into(),
                        start,
                    )));
                    return;
                };
                push(&mut nodes, Span::new(start, end), NodeKind::Alias(target))
            }
            Event::Scalar(value, style, anchor, _tag) => {
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => Style::Quoted,
                    _ => Style::Block,
                };
                // saphyr's span of a quoted scalar runs on over trailing blanks and comments:
                // end it at the closing quote. A block scalar's runs on over its trailing blank
                // lines and the next line's indentation: end it with its last content line (one
                // without content is placed at the end of its header line, not on the next key).
                let (start, end) = match style {
                    Style::Quoted => (
                        start,
                        closing_quote(text, start).map_or(end, |q| q.min(end)),
                    ),
                    Style::Block => block_scalar_span(text, start, end),
                    Style::Plain => (start, end),
                };
                let same = text.get(start..end) == Some(value.as_ref());
                let owned = (!same).then(|| value.into_owned().into_boxed_str());
                let id = push(
                    &mut nodes,
                    Span::new(start, end),
                    NodeKind::Scalar { owned, style },
                );
                if anchor != 0 {
                    anchors.insert(anchor, id);
                }
                id
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= limits.depth {
                    out.docs.push(Err(err(
                        ErrorKind::Limit,
                        format!("nesting deeper than the depth limit of {}", limits.depth),
                        start,
                    )));
                    return;
                }
                let is_map = matches!(event, Event::MappingStart(..));
                let kind = if is_map {
                    NodeKind::Map(Vec::new())
                } else {
                    NodeKind::Seq(Vec::new())
                };
                // Block collections start with an empty span: the real start is the first child,
                // found when the collection ends (`start == end` marks it as not known yet).
                let id = push(&mut nodes, Span::new(start, end), kind);
                if anchor != 0 {
                    anchors.insert(anchor, id);
                }
                stack.push(if is_map {
                    Frame::Map {
                        id,
                        entries: Vec::new(),
                        key: None,
                    }
                } else {
                    Frame::Seq {
                        id,
                        items: Vec::new(),
                    }
                });
                if nodes.len() > limits.nodes {
                    out.docs.push(Err(err(
                        ErrorKind::Limit,
                        format!("more nodes than the node limit of {}", limits.nodes),
                        start,
                    )));
                    return;
                }
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else { continue };
                let (id, kind) = match frame {
                    Frame::Seq { id, items } => (id, NodeKind::Seq(items)),
                    Frame::Map { id, entries, .. } => {
                        find_duplicates(text, &nodes, &entries, &mut out.duplicates);
                        (id, NodeKind::Map(entries))
                    }
                };
                let first_child = match &kind {
                    NodeKind::Seq(items) => items.first().copied(),
                    NodeKind::Map(entries) => entries.first().map(|e| e.0),
                    _ => None,
                };
                let last_child = match &kind {
                    NodeKind::Seq(items) => items.last().copied(),
                    NodeKind::Map(entries) => entries.last().map(|e| e.1),
                    _ => None,
                };
                let mut span = nodes[id as usize].span;
                let block = span.start == span.end;
                if block && let Some(c) = first_child {
                    span.start = span.start.min(nodes_span(&nodes, c).start);
                }
                // A block collection ends with its last child, a flow one with its bracket. The
                // end event's span runs on to the next token, past blank lines and comments: a
                // label would run on over them (over the next key, for a block collection).
                let end = match text.as_bytes().get(start) {
                    Some(b'}' | b']') if !block => start + 1,
                    _ => end,
                };
                match last_child {
                    Some(c) if block => span.end = nodes_span(&nodes, c).end,
                    Some(c) => span.end = span.end.max(end as u32).max(nodes_span(&nodes, c).end),
                    None => span.end = span.end.max(end as u32),
                }
                span.end = span.end.max(span.start);
                nodes[id as usize].span = span;
                nodes[id as usize].kind = kind;
                id
            }
        };
        if nodes.len() > limits.nodes {
            out.docs.push(Err(err(
                ErrorKind::Limit,
                format!("more nodes than the node limit of {}", limits.nodes),
                start,
            )));
            return;
        }
        // Attach the finished node to its parent.
        match stack.last_mut() {
            None => root = Some(new_node),
            Some(Frame::Seq { items, .. }) => items.push(new_node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    if !matches!(
                        nodes[new_node as usize].kind,
                        NodeKind::Scalar { .. } | NodeKind::Alias(_)
                    ) {
                        let offset = nodes[new_node as usize].span.start as usize;
                        out.docs.push(Err(err(
                            ErrorKind::ComplexKey,
                            "a mapping key is not a scalar (an un-rendered template such as `{{ x }}`?)".into(),
                            offset,
                        )));
                        return;
                    }
                    *key = Some(new_node);
                }
                Some(k) => entries.push((k, new_node)),
            },
        }
    }
}

/// The byte after the closing quote of the quoted scalar starting at `start`.
fn closing_quote(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let quote = *bytes.get(start)?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 1,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            b if b == quote => return Some(i + 1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The span of a block scalar whose content saphyr spans from `start` to `end`, without the
/// blanks after it.
fn block_scalar_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let blank = [' ', '\t', '\r', '\n'];
    match text.get(start..end).map(|t| t.trim_end_matches(blank)) {
        Some("") => {
            let at = text
                .get(..start)
                .map_or(start, |t| t.trim_end_matches(blank).len());
            (at, at)
        }
        Some(t) => (start, start + t.len()),
        None => (start, end),
    }
}

fn nodes_span(nodes: &[Node], id: NodeId) -> Span {
    nodes[id as usize].span
}

fn push(nodes: &mut Vec<Node>, span: Span, kind: NodeKind) -> NodeId {
    nodes.push(Node { span, kind });
    (nodes.len() - 1) as NodeId
}

fn scalar_text<'a>(text: &'a str, nodes: &'a [Node], id: NodeId) -> Option<&'a str> {
    let node = &nodes[id as usize];
    match &node.kind {
        NodeKind::Scalar { owned: Some(s), .. } => Some(s),
        NodeKind::Scalar { owned: None, .. } => text.get(node.span.range()),
        _ => None,
    }
}

fn find_duplicates(
    text: &str,
    nodes: &[Node],
    entries: &[(NodeId, NodeId)],
    out: &mut Vec<DuplicateKey>,
) {
    if entries.len() < 2 {
        return;
    }
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
    for (i, &(k, _)) in entries.iter().enumerate() {
        let Some(key) = scalar_text(text, nodes, k) else {
            continue;
        };
        if key == "<<" {
            continue;
        }
        if let Some(prev) = seen.insert(key, i) {
            out.push(DuplicateKey {
                key: key.to_string(),
                first: nodes[entries[prev].0 as usize].span,
                last: nodes[k as usize].span,
            });
        }
    }
}
