//! Applying fixes to a text: each fix whole or not at all, never two that touch the same bytes
//! (or insert at the same place) in one pass, in a fixed order; the `--fix` loop lints again
//! and applies what was left out.

use super::{Edit, Fix};

/// The text after a pass of fixes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    /// How many of the fixes were applied (a fix whose edits another applied fix already made
    /// counts: its finding goes away too).
    pub fixed: usize,
}

/// Applies what it can of `fixes` to `text`: in the order of their first edit (then title), a
/// fix is taken when none of its edits collides with an edit taken before.
pub fn apply(text: &str, fixes: &[&Fix]) -> Applied {
    let mut order: Vec<&Fix> = fixes
        .iter()
        .copied()
        .filter(|f| !f.edits.is_empty() && f.edits.iter().all(|e| fits(text, e)))
        .collect();
    order.sort_by(|a, b| (&a.edits, &a.title).cmp(&(&b.edits, &b.title)));
    let mut taken: Vec<&Edit> = Vec::new();
    let mut done: Vec<&[Edit]> = Vec::new();
    let mut fixed = 0;
    for f in order {
        if done.contains(&f.edits.as_slice()) {
            fixed += 1;
            continue;
        }
        if f.edits.iter().any(|e| taken.iter().any(|t| collide(e, t))) {
            continue;
        }
        taken.extend(&f.edits);
        done.push(&f.edits);
        fixed += 1;
    }
    let edits: Vec<Edit> = taken.into_iter().cloned().collect();
    Applied {
        text: apply_edits(text, &edits),
        fixed,
    }
}

/// An edit inside the text, on character boundaries.
fn fits(text: &str, e: &Edit) -> bool {
    let (s, end) = (e.span.start as usize, e.span.end as usize);
    s <= end && text.get(s..end).is_some()
}

/// Two edits that overlap, or insert at the same place (their order would be a guess).
fn collide(a: &Edit, b: &Edit) -> bool {
    a.span.start == b.span.start || (a.span.start < b.span.end && b.span.start < a.span.end)
}

/// Applies non-colliding edits (any order given).
pub(super) fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort();
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in sorted {
        let (s, end) = (e.span.start as usize, e.span.end as usize);
        if s < at || text.get(at..s).is_none() || text.get(s..end).is_none() {
            continue;
        }
        out.push_str(&text[at..s]);
        out.push_str(&e.text);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::super::Applicability;
    use super::*;

    fn fix(title: &str, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::Safe, edits)
    }

    #[test]
    fn colliding_fixes_wait_for_the_next_pass() {
        let text = "abcdef";
        let a = fix("a", vec![Edit::replace(0, 2, "X")]);
        let b = fix("b", vec![Edit::replace(1, 3, "Y")]);
        let c = fix("c", vec![Edit::insert(4, "Z"), Edit::delete(5, 6)]);
        let same = fix("same", vec![Edit::replace(0, 2, "X")]);
        let insert_too = fix("i", vec![Edit::insert(4, "W")]);
        let got = apply(text, &[&b, &c, &a, &same, &insert_too]);
        // `insert_too` sorts before `c` (an insertion of "W" before one of "Z"), so `c` waits.
        assert_eq!(got.text, "XcdWef");
        assert_eq!(got.fixed, 3);
    }

    #[test]
    fn edits_outside_the_text_or_a_character_are_refused() {
        let text = "é";
        let bad = fix("x", vec![Edit::insert(1, "!")]);
        let far = fix("y", vec![Edit::insert(9, "!")]);
        assert_eq!(apply(text, &[&bad, &far]).text, "é");
    }
}
