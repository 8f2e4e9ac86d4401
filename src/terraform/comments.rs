//! Suppression comments in HCL (`# akslint-ignore: AKS201 -- reason`, or `//`), found through
//! hcl-edit's decor — the whitespace and comments kept before (prefix) and after (suffix) each
//! attribute and block. Decor carries no span after parsing, so each one's span is computed
//! from its neighbouring node (a prefix ends where its node starts, a suffix starts where its
//! node ends) and checked against the text; a mismatch drops the decor, never panics.
//!
//! What a directive covers (0-based lines, inclusive):
//! - at the end of an attribute's (last) line, or on the lines above it: the attribute;
//! - on the lines above a block, or at the end of its header line (`network_profile { # …`):
//!   the whole block;
//! - after a block's closing brace, or after the last node of a body: its own line only (it
//!   precedes nothing, so it will be reported as unused);
//! - `akslint-ignore-file` in the file's leading comments: the file. Elsewhere it is ignored,
//!   as in YAML.
//!
//! `/* … */` comments are not directives. Comments inside expressions (between the elements of
//! a list or object) are not seen.

use crate::source::{LineIndex, Span};
use crate::suppress::{Named, parse_directive};
use hcl_edit::structure::{Body, Structure};
use hcl_edit::{Decorate, RawString};

/// One suppression comment.
#[derive(Debug, Clone)]
pub struct HclSuppression {
    /// `akslint-ignore-file` in the leading comments.
    pub file_level: bool,
    pub rules: Vec<Named>,
    /// `None` when no `-- reason` is given (AKS005).
    pub reason: Option<String>,
    /// First and last 0-based line whose findings it covers (the whole file when `file_level`).
    pub lines: (usize, usize),
    /// The comment itself.
    pub span: Span,
}

/// The suppressions of one parsed file.
pub fn suppressions(text: &str, body: &Body, lines: &LineIndex) -> Vec<HclSuppression> {
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
    out: &'a mut Vec<HclSuppression>,
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

    /// The directives in one decor, which starts at `start` (when computable). A file-level
    /// directive counts only in the file's leading comments.
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
        for (span, comment) in line_comments(d, start) {
            let Some((file, rules, reason)) = parse_directive(comment) else {
                continue;
            };
            let own = self.lines.line_of(span.start as usize);
            let lines = if file {
                if !leading {
                    continue;
                }
                (0, usize::MAX)
            } else if covers == OWN_LINE {
                (own, own)
            } else {
                covers
            };
            self.out.push(HclSuppression {
                file_level: file,
                rules,
                reason,
                lines,
                span,
            });
        }
    }
}

/// "Its own line", for comments that precede nothing.
const OWN_LINE: (usize, usize) = (usize::MAX, 0);

/// `#` and `//` comments in a decor (only blanks and comments), with absolute spans; the
/// text excludes the line break. `/* */` comments are skipped.
fn line_comments(d: &str, base: usize) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    let b = d.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'#' || (b[i] == b'/' && b.get(i + 1) == Some(&b'/')) {
            let end = d[i..].find('\n').map_or(d.len(), |j| i + j);
            let text = d[i..end].trim_end_matches('\r');
            out.push((Span::new(base + i, base + i + text.len()), text));
            i = end;
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            i = d[i + 2..].find("*/").map_or(b.len(), |j| i + 2 + j + 2);
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terraform::parse::{TfLimits, parse_body};

    /// (rules, reason, 1-based lines covered or (0, 0) for the file, comment text).
    type Row = (String, Option<String>, (usize, usize), String);

    fn sups(text: &str) -> Vec<Row> {
        let body = parse_body(text, &TfLimits::default()).unwrap();
        let lines = LineIndex::new(text);
        suppressions(text, &body, &lines)
            .into_iter()
            .map(|s| {
                let rules = s
                    .rules
                    .iter()
                    .map(|n| n.text.as_str())
                    .collect::<Vec<_>>()
                    .join(",");
                let lines = if s.file_level {
                    (0, 0)
                } else {
                    (s.lines.0 + 1, s.lines.1 + 1)
                };
                (rules, s.reason, lines, text[s.span.range()].to_string())
            })
            .collect()
    }

    #[test]
    fn positions() {
        let text = r#"# akslint-ignore-file: AKS208 -- dev cluster
resource "azurerm_kubernetes_cluster" "main" {
  # akslint-ignore: AKS101 -- break-glass account
  local_account_disabled = false
  private_cluster_enabled = false // akslint-ignore: AKS201, AKS202 -- VPN only
  authorized = [
    "10.0.0.0/8",
  ] # akslint-ignore: AKS202 -- list
  # just a comment
  # akslint-ignore: AKS311 -- kubenet on purpose

  network_profile { # akslint-ignore: AKS312 -- header line
    network_plugin = "kubenet"
  }
  # akslint-ignore: AKS999 -- trailing, covers nothing
}
/* akslint-ignore: AKS101 -- block comments are not directives */
variable "x" {}
# akslint-ignore-file: AKS101 -- not leading: ignored
"#;
        let got = sups(text);
        let want: Vec<Row> = vec![
            (
                "AKS208",
                Some("dev cluster"),
                (0, 0),
                "# akslint-ignore-file: AKS208 -- dev cluster",
            ),
            (
                "AKS101",
                Some("break-glass account"),
                (4, 4),
                "# akslint-ignore: AKS101 -- break-glass account",
            ),
            (
                "AKS201,AKS202",
                Some("VPN only"),
                (5, 5),
                "// akslint-ignore: AKS201, AKS202 -- VPN only",
            ),
            (
                "AKS202",
                Some("list"),
                (6, 8),
                "# akslint-ignore: AKS202 -- list",
            ),
            (
                "AKS311",
                Some("kubenet on purpose"),
                (12, 14),
                "# akslint-ignore: AKS311 -- kubenet on purpose",
            ),
            (
                "AKS312",
                Some("header line"),
                (12, 14),
                "# akslint-ignore: AKS312 -- header line",
            ),
            (
                "AKS999",
                Some("trailing, covers nothing"),
                (15, 15),
                "# akslint-ignore: AKS999 -- trailing, covers nothing",
            ),
        ]
        .into_iter()
        .map(|(r, reason, l, c)| (r.to_string(), reason.map(str::to_string), l, c.to_string()))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn crlf_multibyte_and_no_reason() {
        let text = "a \"é\" {\r\n  x = 1 # akslint-ignore: AKS101\r\n}\r\n";
        let got = sups(text);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1, None);
        assert_eq!(got[0].2, (2, 2));
        assert_eq!(got[0].3, "# akslint-ignore: AKS101");
    }

    #[test]
    fn file_level_in_a_file_of_comments_only() {
        let text = "# akslint-ignore-file: AKS101 -- generated\n";
        let got = sups(text);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].2, (0, 0));
    }
}
