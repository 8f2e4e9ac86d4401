//! Suppressions: `# akslint-ignore: AKS402, privileged-container -- reason` comments (end of the
//! offending line, or alone on the line above), `# akslint-ignore-file: …` in a file's leading
//! comments, and the `akslint.io/ignore` annotation on an object or its pod template. Unused ones
//! are AKS003, unknown rules or a missing reason AKS005.

use crate::diagnostic::Finding;
use crate::rules::linter::{INVALID_SUPPRESSION, UNUSED_SUPPRESSION};
use crate::source::{LineIndex, Span};
use crate::yaml::Comment;

/// One rule named by a suppression.
#[derive(Debug, Clone)]
pub struct Named {
    pub text: String,
    /// The rule's ID, when the text names a known rule.
    pub id: Option<&'static str>,
    pub used: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Findings starting on this 0-based line.
    Line(usize),
    /// Findings starting on these 0-based lines (inclusive): an HCL block and what it holds.
    Lines(usize, usize),
    File,
    /// Findings of one object (an annotation).
    Object,
}

#[derive(Debug, Clone)]
pub struct Suppression {
    /// The comment, or the annotation entry.
    pub span: Span,
    pub scope: Scope,
    pub rules: Vec<Named>,
    /// `None` when a comment gives no `-- reason`; annotations need none.
    pub reason: Option<String>,
    pub is_comment: bool,
}

fn named(list: &str) -> Vec<Named> {
    list.split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Named {
            text: s.to_string(),
            id: crate::rules::id_of(s),
            used: false,
        })
        .collect()
}

/// Parses the text of one comment (starting at `#`, or `//` in HCL later).
/// Returns (file-level?, rule list, reason).
pub fn parse_directive(comment: &str) -> Option<(bool, Vec<Named>, Option<String>)> {
    let body = comment
        .trim_start_matches('#')
        .trim_start_matches("//")
        .trim_start();
    let (file, rest) = if let Some(r) = body.strip_prefix("akslint-ignore-file") {
        (true, r)
    } else if let Some(r) = body.strip_prefix("akslint-ignore") {
        (false, r)
    } else {
        return None;
    };
    if !(rest.is_empty() || rest.starts_with([':', ' ', '\t'])) {
        return None; // `akslint-ignored`, something else
    }
    let rest = rest.trim_start().strip_prefix(':').unwrap_or(rest);
    let (list, reason) = match rest.find("--") {
        Some(i) => {
            let r = &rest[i + 2..];
            let r = r.find(" #").map_or(r, |j| &r[..j]).trim();
            (&rest[..i], (!r.is_empty()).then(|| r.to_string()))
        }
        None => (rest, None),
    };
    let list = list.find('#').map_or(list, |i| &list[..i]);
    Some((file, named(list), reason))
}

/// The suppressions written as comments in a YAML file.
pub fn from_comments(text: &str, comments: &[Comment], lines: &LineIndex) -> Vec<Suppression> {
    let mut out = Vec::new();
    for (i, c) in comments.iter().enumerate() {
        let Some((file, rules, reason)) = parse_directive(&text[c.span.range()]) else {
            continue;
        };
        let line = lines.line_of(c.span.start as usize);
        let scope = if file {
            if !in_leading_comments(text, lines, line) {
                continue;
            }
            Scope::File
        } else if c.standalone {
            // The next line that is neither blank nor a comment of its own.
            let mut target = line + 1;
            let mut next = i + 1;
            while target < lines.line_count() {
                let s = lines.line_start(target);
                let e = if target + 1 < lines.line_count() {
                    lines.line_start(target + 1)
                } else {
                    text.len()
                };
                let blank = text[s..e].trim().is_empty();
                let comment_only = comments.get(next).is_some_and(|n| {
                    n.standalone && lines.line_of(n.span.start as usize) == target
                });
                if comment_only {
                    next += 1;
                }
                if !blank && !comment_only {
                    break;
                }
                target += 1;
            }
            Scope::Line(target)
        } else {
            Scope::Line(line)
        };
        out.push(Suppression {
            span: c.span,
            scope,
            rules,
            reason,
            is_comment: true,
        });
    }
    out
}

/// True when every line before `line` is blank, a comment or a document marker.
fn in_leading_comments(text: &str, lines: &LineIndex, line: usize) -> bool {
    (0..line).all(|l| {
        let s = lines.line_start(l);
        let e = lines.line_start(l + 1).max(s);
        let t = text[s..e.min(text.len())].trim();
        t.is_empty() || t.starts_with('#') || t == "---"
    })
}

/// Applies suppressions to findings, marking what each one used.
pub fn apply(
    findings: &mut Vec<Finding>,
    sups: &mut [Suppression],
    lines: &LineIndex,
    scope_filter: impl Fn(&Finding, &Suppression) -> bool,
) {
    findings.retain(|f| {
        let line = f.span.map(|s| lines.line_of(s.start as usize));
        let mut keep = true;
        for s in sups.iter_mut() {
            let applies = match s.scope {
                Scope::Line(l) => line == Some(l),
                Scope::Lines(a, b) => line.is_some_and(|l| (a..=b).contains(&l)),
                Scope::File | Scope::Object => true,
            };
            if !applies || !scope_filter(f, s) {
                continue;
            }
            for n in s.rules.iter_mut() {
                if n.id == Some(f.rule) {
                    n.used = true;
                    keep = false;
                }
            }
        }
        keep
    });
}

/// AKS003 for what suppressed nothing (only rules that ran), AKS005 for unknown rules and
/// comments without a reason.
pub fn problems(sups: &[Suppression], ran: impl Fn(&str) -> bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in sups {
        for n in &s.rules {
            match n.id {
                None => out.push(
                    Finding::new(INVALID_SUPPRESSION, Some(s.span), format!("suppression names `{}`, which is no akslint rule", n.text))
                        .help("name a rule by its ID (`AKS402`) or name (`privilege-escalation-allowed`); `akslint rules` lists them"),
                ),
                Some(id) if !n.used && ran(id) => out.push(
                    Finding::new(UNUSED_SUPPRESSION, Some(s.span), format!("suppression of {id} suppressed nothing"))
                        .help("remove it, or move it to the line where the finding starts (or the line above it)"),
                ),
                _ => {}
            }
        }
        if s.rules.is_empty() {
            out.push(
                Finding::new(
                    INVALID_SUPPRESSION,
                    Some(s.span),
                    "suppression names no rule",
                )
                .help("write `# akslint-ignore: AKS402 -- why this is acceptable`"),
            );
        }
        if s.is_comment && s.reason.is_none() {
            out.push(
                Finding::new(INVALID_SUPPRESSION, Some(s.span), "suppression gives no reason")
                    .help("add the reason after `--`: `# akslint-ignore: AKS402 -- why this is acceptable`"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive_grammar() {
        let (file, rules, reason) =
            parse_directive("# akslint-ignore: AKS401, privileged-container -- debug pod # x")
                .unwrap();
        assert!(!file);
        assert_eq!(
            rules.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(),
            ["AKS401", "privileged-container"]
        );
        assert_eq!(rules[1].id, Some("AKS401"));
        assert_eq!(reason.as_deref(), Some("debug pod"));
        let (file, rules, reason) = parse_directive("# akslint-ignore-file: AKS999").unwrap();
        assert!(file);
        assert_eq!(rules[0].id, None);
        assert!(reason.is_none());
        assert!(parse_directive("# akslint-ignored").is_none());
        assert!(parse_directive("# just a comment").is_none());
        let (_, rules, _) = parse_directive("# akslint-ignore AKS401 # trailing note").unwrap();
        assert_eq!(rules.len(), 1);
    }
}
