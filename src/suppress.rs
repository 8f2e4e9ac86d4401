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
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One rule named by a suppression.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub text: String,
    /// The rule's ID, when the text names a known rule (not stored: read again from `text`).
    #[serde(skip_serializing)]
    pub id: Option<&'static str>,
    pub used: bool,
}

/// [`Named`] as the cache stores it: what was written, and whether it was used.
#[derive(Deserialize)]
struct StoredNamed {
    text: String,
    used: bool,
}

impl<'de> Deserialize<'de> for Named {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Named, D::Error> {
        let StoredNamed { text, used } = StoredNamed::deserialize(d)?;
        Ok(Named {
            id: crate::rules::id_of(&text),
            text,
            used,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// Findings starting on this 0-based line.
    Line(usize),
    /// Findings starting on these 0-based lines (inclusive): an HCL block and what it holds.
    Lines(usize, usize),
    File,
    /// Findings of one object (an annotation).
    Object,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
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

#[cfg(test)]
thread_local! {
    /// Lines looked at while placing comment suppressions (tests hold it linear).
    static EXAMINED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts lines looked at, in tests.
fn examined(_n: u64) {
    #[cfg(test)]
    EXAMINED.with(|e| e.set(e.get() + _n));
}

/// The suppressions written as comments in a YAML file.
pub fn from_comments(text: &str, comments: &[Comment], lines: &LineIndex) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut layout: Option<Layout> = None;
    for c in comments {
        let Some((file, rules, reason)) = parse_directive(&text[c.span.range()]) else {
            continue;
        };
        let line = lines.line_of(c.span.start as usize);
        let layout = layout.get_or_insert_with(|| Layout::new(text, comments, lines));
        let scope = if file {
            if line > layout.first_code {
                continue;
            }
            Scope::File
        } else if c.standalone {
            Scope::Line(layout.next_code[line + 1])
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

/// Where comment directives land, worked out once per file (a pass per directive would make
/// thousands of stacked directives quadratic).
struct Layout {
    /// For each 0-based line (and one past the last), the first line from it on that is
    /// neither blank nor a standalone comment: where a standalone directive above it applies.
    next_code: Vec<usize>,
    /// The first line that is not blank, a comment or a document marker: file-level directives
    /// count only up to it (in the file's leading comments).
    first_code: usize,
}

impl Layout {
    fn new(text: &str, comments: &[Comment], lines: &LineIndex) -> Layout {
        let count = lines.line_count();
        let line_text = |l: usize| {
            examined(1);
            let s = lines.line_start(l);
            let e = if l + 1 < count {
                lines.line_start(l + 1)
            } else {
                text.len()
            };
            &text[s..e]
        };
        let mut comment_only = vec![false; count];
        for c in comments.iter().filter(|c| c.standalone) {
            comment_only[lines.line_of(c.span.start as usize)] = true;
        }
        let mut next_code = vec![count; count + 1];
        for l in (0..count).rev() {
            let skip = comment_only[l] || line_text(l).trim().is_empty();
            next_code[l] = if skip { next_code[l + 1] } else { l };
        }
        let first_code = (0..count)
            .find(|&l| {
                let t = line_text(l).trim();
                !(t.is_empty() || t.starts_with('#') || t == "---")
            })
            .unwrap_or(count);
        Layout {
            next_code,
            first_code,
        }
    }
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
    if sups.is_empty() {
        return;
    }
    let index = Index::new(sups);
    let mut marked = vec![false; index.groups.len()];
    findings.retain(|f| {
        // A finding of a cross-file rule comes with its positions: its file's text is gone.
        let line = match f.positions {
            Some((start, _)) => Some(start.line.saturating_sub(1) as usize),
            None => f.span.map(|s| lines.line_of(s.start as usize)),
        };
        let groups = index.covering(f.id(), line);
        for &g in &groups {
            // Every directive of a group suppresses the finding: mark them once, not per finding.
            if !std::mem::replace(&mut marked[g], true) {
                for &(s, n) in &index.groups[g] {
                    examined(1);
                    sups[s].rules[n].used = true;
                }
            }
        }
        groups.is_empty()
    });
}

/// The rules named by a file's suppressions, grouped by what they cover: a finding of a rule
/// is suppressed by the groups of that rule whose scope holds its line, and by each of their
/// directives (the group's entries: suppression, named rule).
struct Index {
    groups: Vec<Vec<(usize, usize)>>,
    /// A file's or an object's: every finding.
    everywhere: BTreeMap<&'static str, usize>,
    /// One line (YAML).
    at_line: BTreeMap<(usize, &'static str), usize>,
    /// Lines from–to (HCL: an attribute or a block), each range once.
    ranges: BTreeMap<&'static str, Vec<(usize, usize, usize)>>,
}

impl Index {
    fn new(sups: &[Suppression]) -> Index {
        let mut ix = Index {
            groups: Vec::new(),
            everywhere: BTreeMap::new(),
            at_line: BTreeMap::new(),
            ranges: BTreeMap::new(),
        };
        let mut by_range: BTreeMap<(usize, usize, &'static str), usize> = BTreeMap::new();
        for (si, s) in sups.iter().enumerate() {
            for (ni, id) in s
                .rules
                .iter()
                .enumerate()
                .filter_map(|(i, n)| Some((i, n.id?)))
            {
                examined(1);
                let next = ix.groups.len();
                let g = match s.scope {
                    Scope::File | Scope::Object => *ix.everywhere.entry(id).or_insert(next),
                    Scope::Line(l) => *ix.at_line.entry((l, id)).or_insert(next),
                    Scope::Lines(a, b) => *by_range.entry((a, b, id)).or_insert(next),
                };
                if g == next {
                    ix.groups.push(Vec::new());
                    if let Scope::Lines(a, b) = s.scope {
                        ix.ranges.entry(id).or_default().push((a, b, g));
                    }
                }
                ix.groups[g].push((si, ni));
            }
        }
        ix
    }

    /// The groups that suppress a finding of `id` starting on `line`.
    fn covering(&self, id: &str, line: Option<usize>) -> Vec<usize> {
        let mut out: Vec<usize> = self.everywhere.get(id).copied().into_iter().collect();
        let Some(l) = line else {
            return out;
        };
        out.extend(self.at_line.get(&(l, id)).copied());
        for &(a, b, g) in self.ranges.get(id).into_iter().flatten() {
            if (a..=b).contains(&l) {
                out.push(g);
            }
        }
        out
    }
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
                f.locator = Some(locator(&n.text));
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
                let mut f = linter::unknown_rule(s.span, &n.text);
                f.locator = Some(locator(&n.text));
                out.push(f);
            }
        }
        if s.rules.is_empty() {
            let mut f = linter::no_rule_named(s.span);
            f.locator = Some(locator(""));
            out.push(f);
        }
        if s.is_comment && s.reason.is_none() {
            let named: Vec<&str> = s.rules.iter().map(|n| n.text.as_str()).collect();
            let mut f = linter::no_reason(s.span, &named.join(", "));
            f.locator = Some(locator(&named.join(",")));
            out.push(f);
        }
    }
    out
}

/// The locator of a finding about a suppression (see [`crate::fingerprint`]): what it names,
/// the same whether the finding is settled with the file or after the cross-file rules (when
/// the file's text and tree are gone).
fn locator(named: &str) -> String {
    format!("suppression {named}").trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Thousands of stacked directives above one line, and thousands of file-level ones, cost
    /// a pass over the lines, not a pass per comment.
    #[test]
    fn placing_suppressions_is_linear() {
        let n = 30_000;
        let mut text = "# akslint-ignore-file: AKS404 -- generated\n".repeat(n);
        text.push_str("a:\n");
        text.push_str(&"  # akslint-ignore: AKS401 -- reviewed\n".repeat(n));
        text.push_str("  b: 1\n");
        let file = crate::yaml::parse_file(&text, &crate::yaml::YamlLimits::default());
        let lines = LineIndex::new(&text);
        EXAMINED.with(|e| e.set(0));
        let sups = from_comments(&text, &file.comments, &lines);
        let examined = EXAMINED.with(|e| e.get());
        assert_eq!(sups.len(), 2 * n);
        assert!(sups[..n].iter().all(|s| s.scope == Scope::File));
        let b = lines.line_count() - 2;
        assert!(sups[n..].iter().all(|s| s.scope == Scope::Line(b)));
        assert!(
            examined <= 4 * lines.line_count() as u64,
            "{examined} lines examined for {} lines",
            lines.line_count()
        );
    }

    /// Every finding of a rule that thousands of directives name is suppressed by all of them,
    /// found through an index: the work is one pass over the directives and one over the
    /// findings, not their product.
    #[test]
    fn applying_suppressions_is_linear() {
        let n = 3_000;
        let rule = crate::rules::find("AKS404").unwrap().meta();
        let text = "x\n".repeat(n);
        let lines = LineIndex::new(&text);
        let mut sups: Vec<Suppression> = (0..n)
            .map(|i| Suppression {
                span: Span::new(2 * i, 2 * i + 1),
                scope: if i % 2 == 0 {
                    Scope::File
                } else {
                    Scope::Line(i)
                },
                rules: named("AKS404 AKS401"),
                reason: Some("r".into()),
                is_comment: true,
                positions: None,
            })
            .collect();
        let mut findings: Vec<Finding> = (0..n)
            .map(|i| Finding::new(rule, Some(Span::new(2 * i, 2 * i)), "m"))
            .collect();
        EXAMINED.with(|e| e.set(0));
        apply(&mut findings, &mut sups, &lines);
        let examined = EXAMINED.with(|e| e.get());
        assert!(findings.is_empty());
        assert!(sups.iter().all(|s| s.rules[0].used && !s.rules[1].used));
        assert!(examined <= 8 * n as u64, "{examined} steps for {n} × {n}");
    }

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
