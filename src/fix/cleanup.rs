//! The safe fixes: they change no value Kubernetes reads. AKS003 removes a suppression that
//! suppresses nothing (the comment's line when the comment is alone on it, else the comment, or
//! only the unused rule of a list); AKS004 removes the overridden earlier copy of a duplicated
//! key (the last copy is the one Kubernetes reads).

use super::yaml_edit::Editor;
use super::{Applicability, Edit, Fix};
use crate::diagnostic::Diagnostic;
use crate::source::LineIndex;
use crate::yaml::NodeKind;

/// AKS003 on a `# akslint-ignore…` comment; `None` for an annotation.
pub(super) fn unused_suppression(text: &str, lines: &LineIndex, d: &Diagnostic) -> Option<Fix> {
    let span = d.span?;
    let (start, end) = (span.start as usize, span.end as usize);
    let comment = text.get(start..end)?;
    if !comment.starts_with('#') {
        return None;
    }
    let named = d.locator.as_deref()?.strip_prefix("suppression ")?;
    let names = rule_list(comment);
    let i = names.iter().position(|&(s, e)| &comment[s..e] == named)?;
    let title = format!("Remove the unused suppression of {named}");
    if names.len() == 1 {
        return Some(Fix::new(
            title,
            Applicability::Safe,
            vec![remove_comment(text, lines, start, end)],
        ));
    }
    let (s, e) = names[i];
    let edit = match (names.get(i + 1), i.checked_sub(1).map(|p| names[p])) {
        (Some(&(next, _)), _) => Edit::delete(start + s, start + next),
        (None, Some((_, prev_end))) => Edit::delete(start + prev_end, start + e),
        (None, None) => return None,
    };
    Some(Fix::new(title, Applicability::Safe, vec![edit]))
}

/// The byte ranges (in the comment) of the rules a directive names, as
/// [`crate::suppress::parse_directive`] reads them: after `akslint-ignore[-file]` and an optional
/// `:`, up to `--` or another `#`, separated by commas and blanks.
fn rule_list(comment: &str) -> Vec<(usize, usize)> {
    let body = comment.trim_start_matches('#').trim_start();
    let mut at = comment.len() - body.len();
    let rest = if let Some(r) = body.strip_prefix("akslint-ignore-file") {
        r
    } else if let Some(r) = body.strip_prefix("akslint-ignore") {
        r
    } else {
        return Vec::new();
    };
    at += body.len() - rest.len();
    let trimmed = rest.trim_start();
    let after = trimmed.strip_prefix(':').unwrap_or(trimmed);
    at += rest.len() - after.len();
    let list_end = [after.find("--"), after.find('#')]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(after.len());
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in after[..list_end].char_indices() {
        let sep = matches!(c, ',' | ' ' | '\t');
        match (sep, start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((at + s, at + i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((at + s, at + list_end));
    }
    out
}

/// Removes a comment: its whole line when it is alone on it, else the comment and the blanks
/// before it.
fn remove_comment(text: &str, lines: &LineIndex, start: usize, end: usize) -> Edit {
    let line = lines.line_of(start);
    let line_start = lines.line_start(line);
    let before = &text[line_start..start];
    if before.trim().is_empty() {
        let next = if line + 1 < lines.line_count() {
            lines.line_start(line + 1)
        } else {
            text.len()
        };
        return Edit::delete(line_start, next);
    }
    Edit::delete(line_start + before.trim_end().len(), end)
}

/// AKS004 at the last copy of a key: the copy before it goes, when it is a block mapping entry
/// on lines of its own.
pub(super) fn duplicate_key(ed: &Editor<'_, '_>, d: &Diagnostic) -> Option<Fix> {
    let last = d.span?;
    let doc = ed.doc;
    let (map_entries, i) = (0..doc.node_count() as u32).find_map(|id| {
        let NodeKind::Map(entries) = &doc.node(id).kind else {
            return None;
        };
        let i = entries.iter().position(|&(k, _)| doc.span(k) == last)?;
        (!ed.is_flow(id)).then_some((entries, i))
    })?;
    let key = doc.str(map_entries[i].0)?;
    let &(k, v) = map_entries[..i]
        .iter()
        .rev()
        .find(|&&(k, _)| doc.str(k) == Some(key))?;
    let edit = ed.remove_entry(k, v)?;
    Some(Fix::new(
        format!("Remove the overridden earlier `{key}`"),
        Applicability::Safe,
        vec![edit],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_list_of_a_directive() {
        let c = "# akslint-ignore: AKS401, AKS404 AKS405 -- reason # note";
        let got: Vec<&str> = rule_list(c).iter().map(|&(s, e)| &c[s..e]).collect();
        assert_eq!(got, ["AKS401", "AKS404", "AKS405"]);
        let c = "#akslint-ignore-file AKS208";
        let got: Vec<&str> = rule_list(c).iter().map(|&(s, e)| &c[s..e]).collect();
        assert_eq!(got, ["AKS208"]);
    }
}
