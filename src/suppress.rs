//! Suppressions: `# akslint-ignore: AKS402, privileged-container -- reason` comments (end of the
//! offending line, or alone on the line above; in HCL also `//`, covering the attribute or block
//! that follows), `# akslint-ignore-file: …` in a file's leading comments, and the
//! `akslint.io/ignore` annotation on an object or its pod template. Unused ones are AKS003,
//! unknown rules or a missing reason AKS005.
//!
//! The front ends find comments (YAML: [`crate::yaml::Comment`]; HCL:
//! [`crate::terraform::comments::LineComment`] with the lines each covers); this module reads the
//! directives in them and names the rules.

use crate::diagnostic::Finding;
use crate::k8s::{Object, PodSpec};
use crate::rules::linter;
use crate::source::{LineIndex, Pos, Span};
use crate::terraform::comments::LineComment;
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
    /// The positions of `span`, resolved when the suppression is held until the cross-file rules
    /// have run (the file's text is gone by then).
    pub positions: Option<(Pos, Pos)>,
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
            positions: None,
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

/// The suppressions written as comments in an HCL file: each covers the lines its comment
/// covers; a file-level one counts only in the file's leading comments.
pub fn from_hcl_comments(text: &str, comments: &[LineComment]) -> Vec<Suppression> {
    let mut out = Vec::new();
    for c in comments {
        let Some((file, rules, reason)) = parse_directive(&text[c.span.range()]) else {
            continue;
        };
        let scope = match (file, c.leading) {
            (true, true) => Scope::File,
            (true, false) => continue,
            (false, _) => Scope::Lines(c.covers.0, c.covers.1),
        };
        out.push(Suppression {
            span: c.span,
            scope,
            rules,
            reason,
            is_comment: true,
            positions: None,
        });
    }
    out
}

/// `akslint.io/ignore` (with `akslint.io/ignore-reason`) on the object's metadata and on its pod
/// template's: each suppresses the named rules for the whole object.
pub fn from_annotations(obj: &Object<'_, '_>, pod: Option<&PodSpec<'_, '_>>) -> Vec<Suppression> {
    let doc = obj.doc;
    let mut metas = Vec::new();
    if let Some(m) = obj.metadata {
        metas.push(m.value);
    }
    if let Some(p) = pod.and_then(|p| p.pod_metadata)
        && Some(p) != obj.metadata.map(|m| m.value)
    {
        metas.push(p);
    }
    let mut out = Vec::new();
    for m in metas {
        let Some(ann) = doc.get(m, "annotations") else {
            continue;
        };
        let Some(e) = doc.entry(ann, "akslint.io/ignore") else {
            continue;
        };
        let list = doc.str(e.value).unwrap_or("");
        out.push(Suppression {
            span: doc.entry_span(e),
            scope: Scope::Object,
            rules: named(list),
            reason: doc
                .get(ann, "akslint.io/ignore-reason")
                .and_then(|v| doc.str(v))
                .map(str::to_string),
            is_comment: false,
            positions: None,
        });
    }
    out
}

/// Applies suppressions to findings, marking what each one used.
pub fn apply(findings: &mut Vec<Finding>, sups: &mut [Suppression], lines: &LineIndex) {
    findings.retain(|f| {
        // A finding of a cross-file rule comes with its positions: its file's text is gone.
        let line = match f.positions {
            Some((start, _)) => Some(start.line.saturating_sub(1) as usize),
            None => f.span.map(|s| lines.line_of(s.start as usize)),
        };
        let mut keep = true;
        for s in sups.iter_mut() {
            let applies = match s.scope {
                Scope::Line(l) => line == Some(l),
                Scope::Lines(a, b) => line.is_some_and(|l| (a..=b).contains(&l)),
                Scope::File | Scope::Object => true,
            };
            if !applies {
                continue;
            }
            for n in s.rules.iter_mut() {
                if n.id == Some(f.id()) {
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
    let mut out = invalid(sups);
    out.extend(unused(sups, ran));
    out
}

/// AKS003 for each rule a suppression names that ran and suppressed nothing. Asked once every
/// rule that could report where the suppression reaches has run.
pub fn unused(sups: &[Suppression], ran: impl Fn(&str) -> bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in sups {
        for n in &s.rules {
            if let Some(id) = n.id.filter(|id| !n.used && ran(id)) {
                let mut f = linter::unused_suppression(s.span, id);
                f.positions = s.positions;
                out.push(f);
            }
        }
    }
    out
}

/// AKS005 for unknown rules, a suppression that names none, and comments without a reason.
pub fn invalid(sups: &[Suppression]) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in sups {
        for n in &s.rules {
            if n.id.is_none() {
                out.push(linter::unknown_rule(s.span, &n.text));
            }
        }
        if s.rules.is_empty() {
            out.push(linter::no_rule_named(s.span));
        }
        if s.is_comment && s.reason.is_none() {
            let named: Vec<&str> = s.rules.iter().map(|n| n.text.as_str()).collect();
            out.push(linter::no_reason(s.span, &named.join(", ")));
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

/// HCL directives: where each one's comment sits decides what it covers.
#[cfg(test)]
mod hcl_tests {
    use super::*;
    use crate::terraform::comments::line_comments;
    use crate::terraform::parse::{TfLimits, parse_body};

    /// (rules, reason, 1-based lines covered or (0, 0) for the file, comment text).
    type Row = (String, Option<String>, (usize, usize), String);

    fn sups(text: &str) -> Vec<Row> {
        let body = parse_body(text, &TfLimits::default()).unwrap();
        let lines = LineIndex::new(text);
        from_hcl_comments(text, &line_comments(text, &body, &lines))
            .into_iter()
            .map(|s| {
                let rules = s
                    .rules
                    .iter()
                    .map(|n| n.text.as_str())
                    .collect::<Vec<_>>()
                    .join(",");
                let lines = match s.scope {
                    Scope::Lines(a, b) => (a + 1, b + 1),
                    _ => (0, 0),
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
