//! `akslint-ignore` comments written for findings: `check --add-ignore "reason"` (as ruff's
//! `--add-noqa`) and the editor's "Suppress RULE on this line". One comment alone on the line
//! above the finding's first line, at that line's indentation, naming every rule suppressed
//! there: `# akslint-ignore: AKS402, AKS404 -- reason`. Suppressing is not fixing: `--fix`
//! never does it.

use super::Edit;
use crate::diagnostic::Diagnostic;
use crate::source::LineIndex;
use crate::yaml::{self, NodeKind, Style, YamlLimits};
use std::collections::{BTreeMap, BTreeSet};

/// Whether suppression comments can be written in a file of this name (YAML and Terraform;
/// JSON has no comments).
pub fn commentable_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".yaml", ".yml", ".tf", ".tfvars"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// Whether a finding of `rule` can be suppressed by a comment written for it: not a parse error
/// or input limit (never suppressible), nor a finding about a suppression itself (AKS003,
/// AKS005: fix the suppression instead).
pub fn suppressible(rule: &str) -> bool {
    !matches!(rule, "AKS003" | "AKS005")
        && crate::rules::find(rule).is_some_and(|r| r.meta().suppressible)
}

/// The comment line suppressing `rules` on the 1-based `line` of `text` (the file `name`),
/// inserted above it; `None` where no comment line can go (see [`Placement`]).
pub fn comment(name: &str, text: &str, line: u32, rules: &[&str], reason: &str) -> Option<Edit> {
    let lines = LineIndex::new(text);
    let place = Placement::of(name, text, &lines);
    comment_in(text, &lines, &place, line, rules, reason)
}

/// Where a comment line may be written in a text: nowhere in a file that has no comments (see
/// [`commentable_file`]); else above any line but those that continue something begun on an
/// earlier line: in YAML, a multi-line scalar (a comment line would end a plain one, or become
/// text of a quoted or block one) or a flow collection (`{a: 1,\n b: 2}`), and the lines past
/// the first content line of a document that does not parse (which of them continue such a
/// node nobody can tell; and its suppressions are read from its head only); in Terraform, a
/// heredoc (`<<EOT`), whose lines are text.
struct Placement {
    commentable: bool,
    /// 0-based lines, from–to, that continue such a node.
    continued: Vec<(usize, usize)>,
}

impl Placement {
    fn of(name: &str, text: &str, lines: &LineIndex) -> Placement {
        let lower = name.to_ascii_lowercase();
        let commentable = commentable_file(name);
        let continued = if !commentable {
            Vec::new()
        } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            yaml_continued(text, lines)
        } else {
            heredocs(text)
        };
        Placement {
            commentable,
            continued,
        }
    }

    /// Whether a comment line may go above the 0-based `line`.
    fn allows(&self, line: usize) -> bool {
        self.commentable && !self.continued.iter().any(|&(a, b)| a <= line && line <= b)
    }
}

/// The lines of a YAML text that continue a multi-line scalar or flow collection, or follow the
/// first content line of a document that does not parse.
fn yaml_continued(text: &str, lines: &LineIndex) -> Vec<(usize, usize)> {
    let file = yaml::parse_file(text, &YamlLimits::default());
    let mut continued = Vec::new();
    for e in file.docs.iter().filter_map(|d| d.as_ref().err()) {
        let (content, end) = (
            yaml::comments::head_end(text, e.chunk),
            e.chunk.end as usize,
        );
        if content < end {
            let (first, last) = (lines.line_of(content), lines.line_of(end - 1));
            if last > first {
                continued.push((first + 1, last));
            }
        }
    }
    for doc in file.docs.iter().flatten() {
        for n in &doc.nodes {
            let (start, end) = (n.span.start as usize, n.span.end as usize);
            let spans_lines = match n.kind {
                NodeKind::Scalar { .. } => true,
                NodeKind::Seq(_) | NodeKind::Map(_) => {
                    matches!(text.as_bytes().get(start), Some(b'{' | b'['))
                }
                NodeKind::Alias(_) => false,
            };
            if !spans_lines || end <= start {
                continue;
            }
            // A block scalar's text begins below its indicator (`key: |`).
            let begins = match n.kind {
                NodeKind::Scalar {
                    style: Style::Block,
                    ..
                } => text[..start].rfind(['|', '>']).unwrap_or(start),
                _ => start,
            };
            let (first, last) = (lines.line_of(begins), lines.line_of(end - 1));
            if last > first {
                continued.push((first + 1, last));
            }
        }
    }
    continued
}

/// The lines of an HCL text inside a heredoc: after a line ending in `<<EOT` (or `<<-EOT`) up
/// to the line that closes it. A scan of the text, not of its syntax: `<<EOT` at the end of a
/// line inside a string counts too, which only withholds a comment where one could have gone.
fn heredocs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, line) in text.lines().enumerate() {
        match open {
            Some((from, marker)) => {
                if line.trim() == marker {
                    out.push((from, i));
                    open = None;
                }
            }
            None => {
                let line = line.trim_end();
                let Some(at) = line.rfind("<<") else { continue };
                let marker = line[at + 2..].trim_start_matches('-');
                let ident = marker.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                    && marker
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                if ident {
                    open = Some((i + 1, marker));
                }
            }
        }
    }
    if let Some((from, _)) = open {
        out.push((from, usize::MAX));
    }
    out
}

/// [`comment`] with the text's lines indexed and placements found (once for a whole file).
fn comment_in(
    text: &str,
    lines: &LineIndex,
    place: &Placement,
    line: u32,
    rules: &[&str],
    reason: &str,
) -> Option<Edit> {
    if line == 0
        || line as usize > lines.line_count()
        || rules.is_empty()
        || !place.allows(line as usize - 1)
    {
        return None;
    }
    let start = lines.line_start(line as usize - 1);
    let rest = &text[start..];
    let indent: &str = &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()];
    let eol = match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    };
    let reason: String = reason
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    Some(Edit::insert(
        start,
        format!(
            "{indent}# akslint-ignore: {} -- {}{eol}",
            rules.join(", "),
            reason.trim()
        ),
    ))
}

/// `text` with a suppression comment above each line where one of `diags` (of this file)
/// starts; and how many comments were added.
pub fn add_all(name: &str, text: &str, diags: &[&Diagnostic], reason: &str) -> (String, usize) {
    let mut by_line: BTreeMap<u32, BTreeSet<&str>> = BTreeMap::new();
    for d in diags
        .iter()
        .filter(|d| d.start.line > 0 && suppressible(d.rule))
    {
        by_line.entry(d.start.line).or_default().insert(d.rule);
    }
    let lines = LineIndex::new(text);
    let place = Placement::of(name, text, &lines);
    let edits: Vec<Edit> = by_line
        .iter()
        .filter_map(|(&line, rules)| {
            let rules: Vec<&str> = rules.iter().copied().collect();
            comment_in(text, &lines, &place, line, &rules, reason)
        })
        .collect();
    let n = edits.len();
    (super::apply::apply_edits(text, &edits), n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_comment_takes_the_line_s_indentation_and_ending() {
        let text = "a:\r\n  - name: web\r\n";
        let e = comment("a.yaml", text, 2, &["AKS402", "AKS404"], "reviewed\n").unwrap();
        assert_eq!(e.span.start, 4);
        assert_eq!(e.text, "  # akslint-ignore: AKS402, AKS404 -- reviewed\r\n");
        assert!(comment("a.yaml", text, 0, &["AKS402"], "r").is_none());
        assert!(comment("a.yaml", text, 9, &["AKS402"], "r").is_none());
    }

    #[test]
    fn no_comment_line_inside_a_node_begun_above() {
        let text = "a: {x: 1,\n  y: 2}\nb: plain\n  continued\nc: \"quoted\n  on\"\nd: |\n  block\ne: [1,\n  2]\nf: 3\n";
        let can = |line: u32| comment("a.yaml", text, line, &["AKS402"], "r").is_some();
        let allowed: Vec<u32> = (1..=12).filter(|&l| can(l)).collect();
        // Lines 2, 4, 6, 8 and 10 continue what begins on the line above them.
        assert_eq!(allowed, [1, 3, 5, 7, 9, 11, 12]);
        // Terraform: inside brackets a comment line is fine; inside a heredoc it is text.
        let tf = "a = [\n  1]\nb = <<-EOT\n  text\n  EOT\nc = 1\n";
        let can = |line: u32| comment("main.tf", tf, line, &["AKS101"], "r").is_some();
        let allowed: Vec<u32> = (1..=6).filter(|&l| can(l)).collect();
        assert_eq!(allowed, [1, 2, 3, 6]);
        // JSON has no comments.
        assert!(comment("a.json", "{\"a\": 1}\n", 1, &["AKS101"], "r").is_none());
    }

    #[test]
    fn no_comment_line_inside_a_document_that_does_not_parse_past_its_head() {
        // The second document's flow mapping is never closed: whether its plain scalar goes on
        // to line 6 nobody can tell (a comment line there would end it, found by fuzzing).
        let text = "a: 1\n---\n# head\nb: {c: d,\n  e: f\n  g\n---\nh: 2\n";
        let can = |line: u32| comment("a.yaml", text, line, &["AKS402"], "r").is_some();
        let allowed: Vec<u32> = (1..=8).filter(|&l| can(l)).collect();
        assert_eq!(allowed, [1, 2, 3, 4, 7, 8]);
    }
}
