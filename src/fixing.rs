//! `check --fix`, `--diff` and `--add-ignore` (part of the binary, `src/main.rs`, not of the
//! library: it writes files and prints). The library works out the new texts
//! ([`akslint::fix`]); this writes them, prints the diff or standard input's text, and says
//! what it did on standard error.

use akslint::cli::CheckArgs;
use akslint::configs::Configs;
use akslint::diagnostic::{Diagnostic, LintResult};
use akslint::engine::{self, Input};
use akslint::fix::{self, Applicability, FileFix, ignore};
use std::io::Write;
use std::process::ExitCode;

/// What a rewrite did.
pub struct Rewritten {
    /// Findings fixed, or suppression comments added, in what was written.
    pub changed: usize,
    /// Standard input's text went to standard output (so the report goes to standard error).
    pub printed_stdin: bool,
}

/// Rewrites the inputs of a check from its first report: the fixed texts written to their
/// files (standard input's printed, and put in `inputs` for the report of what remains). With
/// `--diff` nothing is written: the diff is printed and the check ends here (`Err` with its
/// exit code: 1 when something would change).
pub fn rewrite(
    args: &CheckArgs,
    configs: &Configs<'_>,
    report: &LintResult,
    inputs: &mut [Input],
) -> Result<Rewritten, ExitCode> {
    let stdin = &args.lint.stdin_filename;
    let has_stdin = inputs.iter().any(|i| matches!(i, Input::Stdin { .. }));
    let files = match &args.add_ignore {
        Some(reason) => add_ignores(report, reason)?,
        None => {
            let opts = engine::Options {
                stdin_replaces: true,
                ..super::options(&args.lint, false)
            };
            // The named paths again, each changed file's text in place of the file (standard
            // input's, when changed, under its name).
            let paths: Vec<Input> = inputs
                .iter()
                .filter(|i| matches!(i, Input::Path(_)))
                .cloned()
                .collect();
            fix::fix_files(report, args.unsafe_fixes, |texts| {
                let mut inputs = paths.clone();
                inputs.extend(texts.iter().map(|(name, text)| Input::Stdin {
                    name: name.to_string(),
                    bytes: text.as_bytes().to_vec(),
                }));
                engine::lint_with(&inputs, configs, &opts)
                    .ok()
                    .map(|r| r.diagnostics)
            })
        }
    };
    if args.diff {
        let diff: String = files
            .iter()
            .map(|f| fix::unified(&f.file, &f.before, &f.after))
            .collect();
        super::print_out(&diff);
        let n: usize = files.iter().map(|f| f.fixed).sum();
        eprintln!(
            "akslint: would fix {} in {} {}",
            findings(n),
            files.len(),
            if files.len() == 1 { "file" } else { "files" }
        );
        return Err(ExitCode::from(u8::from(!files.is_empty())));
    }
    let mut changed = 0;
    for f in &files {
        if has_stdin && &f.file == stdin {
            for i in inputs.iter_mut() {
                if let Input::Stdin { bytes, .. } = i {
                    *bytes = f.after.as_bytes().to_vec();
                }
            }
            changed += f.fixed;
        } else if write(f)? {
            changed += f.fixed;
        }
    }
    if has_stdin {
        // As ruff does: the text, fixed or not, so that `akslint --fix - < a > b` makes `b`.
        for i in inputs.iter() {
            if let Input::Stdin { bytes, .. } = i
                && let Err(e) = std::io::stdout().lock().write_all(bytes)
            {
                return Err(super::usage_error(format!("cannot write the output: {e}")));
            }
        }
    }
    Ok(Rewritten {
        changed,
        printed_stdin: has_stdin,
    })
}

/// `--add-ignore`: a comment above each line with findings, in the YAML and Terraform files.
fn add_ignores(report: &LintResult, reason: &str) -> Result<Vec<FileFix>, ExitCode> {
    if reason.trim().is_empty() || reason.contains(['\n', '\r']) {
        return Err(super::usage_error(
            "--add-ignore needs a reason on one line: why the findings are acceptable",
        ));
    }
    let mut out = Vec::new();
    for (file, text) in report
        .sources
        .iter()
        .filter(|(f, _)| ignore::commentable_file(f))
    {
        let diags: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| &d.file == file)
            .collect();
        let (after, added) = ignore::add_all(file, text, &diags, reason);
        if added > 0 {
            out.push(FileFix {
                file: file.clone(),
                before: text.clone(),
                after,
                fixed: added,
            });
        }
    }
    Ok(out)
}

/// Writes a fixed file, unless it changed on disk since it was read (or was not valid UTF-8,
/// whose text the lint had repaired): then it is left alone, with a warning.
fn write(f: &FileFix) -> Result<bool, ExitCode> {
    let path = std::path::Path::new(&f.file);
    match std::fs::read(path) {
        Ok(bytes) if bytes == f.before.as_bytes() => {}
        _ => {
            eprintln!(
                "akslint: {}: changed since it was read (or is not UTF-8): not rewritten",
                f.file
            );
            return Ok(false);
        }
    }
    std::fs::write(path, &f.after)
        .map(|()| true)
        .map_err(|e| super::usage_error(format!("{}: {e}", f.file)))
}

/// The closing line on standard error: what was fixed (or suppressed) and what remains.
pub fn summary(args: &CheckArgs, r: &Rewritten, report: &LintResult) {
    let remaining = report.diagnostics.len();
    if args.add_ignore.is_some() {
        eprintln!(
            "akslint: added {} ({} remaining)",
            plural(r.changed, "suppression"),
            plural(remaining, "finding")
        );
        return;
    }
    let mut hidden = 0;
    if !args.unsafe_fixes {
        let mut diags = report.diagnostics.clone();
        for (file, text) in &report.sources {
            fix::attach(file, text, &mut diags);
        }
        hidden = diags
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == Applicability::Unsafe)
            })
            .count();
    }
    let more = if hidden > 0 {
        format!("; {hidden} more fixable with --unsafe-fixes")
    } else {
        String::new()
    };
    eprintln!(
        "akslint: fixed {} ({remaining} remaining{more})",
        findings(r.changed)
    );
}

fn findings(n: usize) -> String {
    plural(n, "finding")
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
