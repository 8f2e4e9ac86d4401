//! The `--fix` loop, as ruff runs it: apply what fixes can be applied together, lint the new text
//! again, and go on while fixes remain (some wait for the next pass: two that insert the same
//! `securityContext:`), at most [`MAX_PASSES`] times per file. Nothing is written here: the
//! caller writes the files, prints the diff, or prints standard input's text.

use super::{Applicability, Fix, apply, attach, fixable_file};
use crate::diagnostic::{Diagnostic, LintResult};
use crate::yaml::{self, YamlLimits};
use std::sync::Arc;

/// The most passes of fixes over one file (each fix removes a finding, so a loop means a fix
/// that does not: it stops there).
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
/// the safe fixes, and the unsafe ones too with `unsafe_fixes`. `relint(file, text)` lints
/// `text` as that file (with its config and project) and gives its findings; `None` stops the
/// file's passes there.
pub fn fix_files(
    result: &LintResult,
    unsafe_fixes: bool,
    mut relint: impl FnMut(&str, &str) -> Option<Vec<Diagnostic>>,
) -> Vec<FileFix> {
    let mut out = Vec::new();
    for (file, before) in result.sources.iter().filter(|(f, _)| fixable_file(f)) {
        let mut diags: Vec<Diagnostic> = result
            .diagnostics
            .iter()
            .filter(|d| &d.file == file)
            .cloned()
            .collect();
        let mut text = before.to_string();
        let mut fixed = 0;
        for _ in 0..MAX_PASSES {
            attach(file, &text, &mut diags);
            let fixes: Vec<&Fix> = diags
                .iter()
                .filter_map(|d| d.fix.as_ref())
                .filter(|f| unsafe_fixes || f.applicability == Applicability::Safe)
                .collect();
            let applied = apply(&text, &fixes);
            if applied.text == text || !parses_as_well(&text, &applied.text) {
                break;
            }
            fixed += applied.fixed;
            text = applied.text;
            match relint(file, &text) {
                Some(d) => diags = d,
                None => break,
            }
        }
        if text != **before {
            out.push(FileFix {
                file: file.clone(),
                before: before.clone(),
                after: text,
                fixed,
            });
        }
    }
    out
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
