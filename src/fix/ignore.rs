//! `akslint-ignore` comments written for findings: `check --add-ignore "reason"` (as ruff's
//! `--add-noqa`) and the editor's "Suppress RULE on this line". One comment alone on the line
//! above the finding's first line, at that line's indentation, naming every rule suppressed
//! there: `# akslint-ignore: AKS402, AKS404 -- reason`. Suppressing is not fixing: `--fix`
//! never does it.

use super::Edit;
use crate::diagnostic::Diagnostic;
use crate::source::LineIndex;
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

/// The comment line suppressing `rules` on the 1-based `line` of `text`, inserted above it.
pub fn comment(text: &str, line: u32, rules: &[&str], reason: &str) -> Option<Edit> {
    comment_in(text, &LineIndex::new(text), line, rules, reason)
}

/// [`comment`] with the text's lines already indexed (one index for a whole file's comments).
fn comment_in(
    text: &str,
    lines: &LineIndex,
    line: u32,
    rules: &[&str],
    reason: &str,
) -> Option<Edit> {
    if line == 0 || line as usize > lines.line_count() || rules.is_empty() {
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
pub fn add_all(text: &str, diags: &[&Diagnostic], reason: &str) -> (String, usize) {
    let mut by_line: BTreeMap<u32, BTreeSet<&str>> = BTreeMap::new();
    for d in diags
        .iter()
        .filter(|d| d.start.line > 0 && suppressible(d.rule))
    {
        by_line.entry(d.start.line).or_default().insert(d.rule);
    }
    let lines = LineIndex::new(text);
    let edits: Vec<Edit> = by_line
        .iter()
        .filter_map(|(&line, rules)| {
            let rules: Vec<&str> = rules.iter().copied().collect();
            comment_in(text, &lines, line, &rules, reason)
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
        let e = comment(text, 2, &["AKS402", "AKS404"], "reviewed\n").unwrap();
        assert_eq!(e.span.start, 4);
        assert_eq!(e.text, "  # akslint-ignore: AKS402, AKS404 -- reviewed\r\n");
        assert!(comment(text, 0, &["AKS402"], "r").is_none());
        assert!(comment(text, 9, &["AKS402"], "r").is_none());
    }
}
