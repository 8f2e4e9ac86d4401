//! The one tail every file's findings go through, whichever front end found them: suppression
//! comments (parse errors and input limits are not suppressible), AKS003/AKS005 for the
//! suppressions themselves, the config's rule selection and `[[per-path]]` ignores, then
//! positions and severities.

use super::dispatch::RuleSet;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Finding, Related};
use crate::source::{LineIndex, Pos, Span};
use crate::suppress::{self, Suppression};
use std::path::Path;

/// A file as shown, with its text (empty when it could not be read) and line index.
pub(super) struct FileText<'a> {
    pub display: &'a str,
    pub text: &'a str,
    pub lines: LineIndex,
}

impl<'a> FileText<'a> {
    pub fn new(display: &'a str, text: &'a str) -> Self {
        FileText {
            display,
            text,
            lines: LineIndex::new(text),
        }
    }
}

/// One file's findings → its diagnostics. `sups` are the file's suppression comments; when they
/// are `held` for the cross-file rules, whether each one suppressed anything (AKS003) is asked
/// later, by [`super::cross`].
pub(super) fn finish(
    file: &FileText<'_>,
    findings: Vec<Finding>,
    sups: &mut [Suppression],
    set: &RuleSet<'_>,
    cfg: &Config,
    held: bool,
) -> Vec<Diagnostic> {
    let (mut open, fixed): (Vec<Finding>, Vec<Finding>) =
        findings.into_iter().partition(|f| f.rule.suppressible);
    suppress::apply(&mut open, sups, &file.lines);
    if set.checks() {
        open.extend(if held {
            suppress::invalid(sups)
        } else {
            suppress::problems(sups, |id| set.enabled(id))
        });
    }
    admit(file, fixed.into_iter().chain(open), set, cfg)
}

/// The findings the config lets through (the rule selected, no `[[per-path]]` ignore), resolved.
pub(super) fn admit(
    file: &FileText<'_>,
    findings: impl IntoIterator<Item = Finding>,
    set: &RuleSet<'_>,
    cfg: &Config,
) -> Vec<Diagnostic> {
    let path = Path::new(file.display);
    findings
        .into_iter()
        .filter(|f| set.enabled(f.id()) && !cfg.ignored_for_path(path, f.id()))
        .map(|f| resolve(file, f, set))
        .collect()
}

/// Turns a finding into a diagnostic with positions and the severity in force.
fn resolve(file: &FileText<'_>, f: Finding, set: &RuleSet<'_>) -> Diagnostic {
    let pos = |s: Span| -> (Pos, Pos) {
        (
            file.lines.pos(file.text, s.start as usize),
            file.lines.pos(file.text, s.end as usize),
        )
    };
    let severity = set.severity(&f);
    // The tree is gone (Terraform keeps none here): the key written at the span.
    let locator = f.locator.or_else(|| {
        f.span
            .and_then(|s| crate::fingerprint::key_at(file.text, s.start as usize))
    });
    let (start, end) = match f.positions {
        Some(p) => p,
        None => f.span.map(pos).unwrap_or_default(),
    };
    let related = f
        .related
        .into_iter()
        .map(|(s, message)| {
            let (start, end) = pos(s);
            Related {
                file: file.display.to_string(),
                span: Some(s),
                start,
                end,
                message: capped(message),
            }
        })
        .collect();
    Diagnostic {
        rule: f.rule.id,
        name: f.rule.name,
        severity,
        message: capped(f.message),
        file: file.display.to_string(),
        span: f.span,
        start,
        end,
        object: f.object.map(capped),
        source: f.source.map(capped),
        help: f.help.map(capped),
        related,
        locator: locator.map(capped),
        fingerprint: String::new(),
        fingerprint_path: String::new(),
        fix: None,
    }
}

/// The longest message, help, object or source shown, in characters: what the rules write is
/// far shorter (the longest on the corpus is under 700), but they quote what they read, and
/// input can make that as long as it likes.
const MAX_TEXT: usize = 2000;

/// `text`, cut at [`MAX_TEXT`] characters with a note of what was left out.
fn capped(text: String) -> String {
    let Some((cut, _)) = text.char_indices().nth(MAX_TEXT) else {
        return text;
    };
    let rest = text[cut..].chars().count();
    format!("{}… ({rest} more characters)", &text[..cut])
}
