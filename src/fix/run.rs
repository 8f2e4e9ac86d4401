//! The `--fix` loop, as ruff runs it: apply what fixes can be applied together, lint the new texts
//! again, and go on while fixes remain (some wait for the next pass: two that insert the same
//! `securityContext:`), at most [`MAX_PASSES`] times. After each pass the run is linted again as
//! a whole, in one run, each changed file's new text in place of the file: the cross-file rules
//! see every new text at once and every other file as it was (a fixed file linted alone would
//! see the others' old texts, or without a project root none of them: a pod whose
//! ServiceAccount is in another file would look unprotected, and be "fixed"). Nothing is
//! written here: the caller writes the files, prints the diff, or prints standard input's text.

use super::{Applicability, Fix, apply, attach, fixable_file};
use crate::diagnostic::{Diagnostic, LintResult};
use crate::yaml::{self, YamlLimits};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The most passes of fixes (each fix removes a finding, so a loop means a fix that does not:
/// it stops there).
pub const MAX_PASSES: usize = 10;

/// A file whose text the fixes changed.
#[derive(Debug)]
pub struct FileFix {
    /// As findings show it (the path as given, or `--stdin-filename`).
    pub file: String,
    pub before: Arc<str>,
    pub after: String,
    /// How many findings the applied fixes were for.
    pub fixed: usize,
}

/// Fixes every fixable file of a run (`result` kept the texts of the files with findings):
/// the safe fixes, and the unsafe ones too with `unsafe_fixes`. After each pass that changed
/// something, `relint(changed)` lints the run's inputs again with the new texts of the files
/// changed so far, each `(name, text)` in place of its file, and gives the findings (those of
/// the other files too); `None` stops there.
pub fn fix_files(
    result: &LintResult,
    unsafe_fixes: bool,
    mut relint: impl FnMut(&[(&str, &str)]) -> Option<Vec<Diagnostic>>,
) -> Vec<FileFix> {
    let mut files: Vec<Fixing> = result
        .sources
        .iter()
        .filter(|(f, _)| fixable_file(f))
        .map(|(file, before)| Fixing {
            diags: result
                .diagnostics
                .iter()
                .filter(|d| &d.file == file)
                .cloned()
                .collect(),
            text: before.to_string(),
            fix: FileFix {
                file: file.clone(),
                before: before.clone(),
                after: String::new(),
                fixed: 0,
            },
        })
        .collect();
    for pass in 1..=MAX_PASSES {
        let mut changed = false;
        for f in &mut files {
            changed |= f.pass(unsafe_fixes);
        }
        if !changed || pass == MAX_PASSES {
            break;
        }
        let texts: Vec<(&str, &str)> = files
            .iter()
            .filter(|f| f.text != *f.fix.before)
            .map(|f| (f.fix.file.as_str(), f.text.as_str()))
            .collect();
        let Some(diags) = relint(&texts) else {
            break;
        };
        let mut by_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for d in diags {
            by_file.entry(d.file.clone()).or_default().push(d);
        }
        for f in &mut files {
            f.diags = by_file.remove(&f.fix.file).unwrap_or_default();
        }
    }
    files
        .into_iter()
        .filter(|f| f.text != *f.fix.before)
        .map(|f| FileFix {
            after: f.text,
            ..f.fix
        })
        .collect()
}

/// A file on its way through the passes.
struct Fixing {
    fix: FileFix,
    text: String,
    /// The findings of `text`.
    diags: Vec<Diagnostic>,
}

impl Fixing {
    /// Applies what fixes it can; `false` when there was nothing to apply (or what there was
    /// would break the file).
    fn pass(&mut self, unsafe_fixes: bool) -> bool {
        attach(&self.fix.file, &self.text, &mut self.diags);
        let fixes: Vec<&Fix> = self
            .diags
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| unsafe_fixes || f.applicability == Applicability::Safe)
            .collect();
        if fixes.is_empty() {
            return false;
        }
        let applied = apply(&self.text, &fixes);
        if applied.text == self.text || !parses_as_well(&self.text, &applied.text) {
            return false;
        }
        self.fix.fixed += applied.fixed;
        self.text = applied.text;
        true
    }
}

/// Whether `after` has no more documents that fail to parse than `before` (a fix must never
/// break the file; were one to, its pass is dropped).
fn parses_as_well(before: &str, after: &str) -> bool {
    let errors = |t: &str| {
        yaml::parse_file(t, &YamlLimits::default())
            .docs
            .iter()
            .filter(|d| d.is_err())
            .count()
    };
    errors(after) <= errors(before)
}
