/// mimalloc rather than the system's allocator: glibc gives each worker thread an arena that it
/// grows a few pages at a time (12,000 `mprotect` calls in a warm one-file run over a 20,000-file
/// project, a third of its time in the kernel). Why this crate: the comment in Cargo.toml.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use akslint::cli::{
    BaselineArgs, CheckArgs, Cli, ColorChoice, Command, FailOn, LintArgs, meant_subcommand,
    with_default_command,
};
use akslint::config::{Config, Overrides};
use akslint::configs::Configs;
use akslint::diagnostic::Severity;
use akslint::engine::{self, Context, Input, Options};
use akslint::report::{self, Format, Style};
use clap::{CommandFactory, Parser};
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

mod fixing;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (3.x and 2.x alike); libmimalloc-sys names
/// no constant for it. The unit test below reads its default through this index.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long, in ms, memory the run has freed stays with the process before mimalloc returns it to
/// the system. mimalloc 3 waits 1,000 ms (2.x waited 10), so a run's peak RSS counted memory long
/// let go: the parse trees of modules already evaluated, the findings of files already written.
/// 10 ms brought the Terraform bench from 7.4–8.2× the bytes read to 6.8–7.3× and the Kubernetes
/// one from 3.4–3.6× to 2.5–2.6×, for 6–11 % more wall time (docs/ci.md, "Memory per front end").
const PURGE_DELAY_MS: std::ffi::c_long = 10;

/// Freed pages back to the system after [`PURGE_DELAY_MS`], unless `MIMALLOC_PURGE_DELAY` in the
/// environment says otherwise (mimalloc reads it itself; the bench compares delays so).
fn return_freed_pages_soon() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    #[allow(unsafe_code)]
    // SAFETY: mi_option_set takes any option index and value (it stores a long in a static table,
    // and the allocator reads it on each purge), may be called at any time from any thread, and
    // MI_OPTION_PURGE_DELAY is that option's index in the mimalloc this crate links (unit test).
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS);
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse_from(with_default_command(std::env::args_os().collect()));
    // Not in the language server: it lives on, so its peak matters less than each keystroke's
    // latency, which a 10 ms delay raised by 1–2 ms at the median (scripts/bench-lsp.py).
    if !matches!(cli.command, Command::Lsp { .. }) {
        return_freed_pages_soon();
    }
    match cli.command {
        Command::Check(args) => check(*args),
        Command::Rules => rules(),
        Command::Explain { rule } => explain(&rule),
        Command::Init { force, schema } => init(force, schema),
        Command::Schema => print_out(akslint::init::SCHEMA),
        Command::Baseline(args) => baseline(*args),
        Command::Lsp { stdio: _, config } => match akslint::lsp::run(config) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(e) => usage_error(e),
        },
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "akslint", &mut out);
            print_out(&String::from_utf8_lossy(&out))
        }
    }
}

fn usage_error(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("akslint: {msg}");
    ExitCode::from(2)
}

/// A lint run as `check` makes it: what it found, and how standard output is.
struct Run {
    report: akslint::diagnostic::LintResult,
    terminal: bool,
    color: bool,
}

/// The configs of a run: `--config` for every path, else each path's nearest akslint.toml.
fn configs<'a>(args: &LintArgs, forced: &'a mut Option<Config>) -> Result<Configs<'a>, ExitCode> {
    let overrides = Overrides {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
    };
    if let Err(e) = overrides.validate() {
        return Err(usage_error(e));
    }
    if let Some(p) = &args.config {
        match Config::load_with(Some(p), std::path::Path::new(""), &overrides) {
            Ok(c) => *forced = Some(c),
            Err(e) => return Err(usage_error(e)),
        }
    }
    match forced {
        Some(c) => Ok(Configs::one(c)),
        None => Configs::nearest(overrides).map_err(usage_error),
    }
}

/// The config that stands for the run where one must (SARIF's rule help base, the baseline
/// key): `--config`, else the one that applies to the first path named.
fn run_config<R>(args: &LintArgs, configs: &Configs<'_>, f: impl FnOnce(&Config) -> R) -> R {
    let first = args.paths.first().cloned().unwrap_or_else(|| ".".into());
    configs.with_config_of(&first, f)
}

fn check(args: CheckArgs) -> ExitCode {
    let mut forced = None;
    let configs = match configs(&args.lint, &mut forced) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut inputs = match inputs(&args.lint, &configs) {
        Ok(i) => i,
        Err(code) => return code,
    };
    let Run {
        mut report,
        terminal,
        color,
    } = match run(&args.lint, &configs, Some(&args), &inputs) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if args.lint.parse_only {
        return ExitCode::SUCCESS;
    }
    let mut rewritten = None;
    if args.fix || args.diff || args.add_ignore.is_some() {
        match fixing::rewrite(&args, &configs, &report, &mut inputs) {
            Ok(r) => rewritten = Some(r),
            Err(code) => return code,
        }
        // What is left, as a check of the new texts would report it.
        report = match run(&args.lint, &configs, Some(&args), &inputs) {
            Ok(r) => r.report,
            Err(code) => return code,
        };
    }
    if let Some(path) = run_config(&args.lint, &configs, |cfg| baseline_path(&args.lint, cfg)) {
        let b = match akslint::baseline::Baseline::load(&path) {
            Ok(b) => b,
            Err(e) => {
                return usage_error(format!("--baseline {e} (`akslint baseline` writes one)"));
            }
        };
        let out = b.filter(&mut report.diagnostics, &report.judged, |id| {
            configs.all_used_select(id)
        });
        if args.lint.verbose {
            eprintln!("akslint: {} findings in the baseline not shown", out.known);
        }
        if out.stale > 0 {
            eprintln!(
                "akslint: {} baseline {} no longer found (fixed?); `akslint baseline --update` removes {}",
                out.stale,
                if out.stale == 1 {
                    "finding"
                } else {
                    "findings"
                },
                if out.stale == 1 { "it" } else { "them" },
            );
        }
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Note => Some(Severity::Note),
        FailOn::Never => None,
    };
    // Standard input's fixed text took standard output: the report goes to standard error.
    let to_stderr = rewritten.as_ref().is_some_and(|r| r.printed_stdin);
    let written = run_config(&args.lint, &configs, |cfg| {
        write_outputs(
            &args,
            &report,
            cfg,
            color && !to_stderr,
            terminal && !to_stderr,
            threshold,
            to_stderr,
        )
    });
    if let Err(code) = written {
        return code;
    }
    if let Some(r) = rewritten {
        fixing::summary(&args, &r, &report);
    }
    let failed = threshold.is_some_and(|t| report.diagnostics.iter().any(|d| d.severity >= t));
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The baseline a check reads: `--baseline`, else the config's `baseline` (relative to it).
fn baseline_path(args: &LintArgs, cfg: &Config) -> Option<std::path::PathBuf> {
    args.baseline
        .clone()
        .or_else(|| cfg.file.baseline.as_ref().map(|b| cfg.root.join(b)))
}

/// `akslint baseline`: writes today's findings (never over a baseline without `--force`), or
/// with `--update` removes the fixed entries of the existing one.
fn baseline(args: BaselineArgs) -> ExitCode {
    use akslint::baseline::{Baseline, FILE_NAME};
    let mut forced = None;
    let configs = match configs(&args.lint, &mut forced) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let inputs = match inputs(&args.lint, &configs) {
        Ok(i) => i,
        Err(code) => return code,
    };
    let Run { report, .. } = match run(&args.lint, &configs, None, &inputs) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let path = run_config(&args.lint, &configs, |cfg| baseline_path(&args.lint, cfg));
    let path = path.unwrap_or_else(|| {
        let cwd = std::env::current_dir().unwrap_or_default();
        match engine::project_root(std::path::Path::new(".")) {
            Some(root) if root != cwd => root.join(FILE_NAME),
            _ => FILE_NAME.into(),
        }
    });
    // Shown relative to the current directory when it is below it.
    let cwd = std::env::current_dir().unwrap_or_default();
    let path = match path.strip_prefix(&cwd) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
        _ => path,
    };
    let exists = path.exists();
    let (new, what) = if args.update {
        let old = match Baseline::load(&path) {
            Ok(b) => b,
            Err(e) => return usage_error(format!("--update: {e}")),
        };
        let new = old.ratchet(&report.diagnostics, &report.judged, |id| {
            configs.all_used_select(id)
        });
        let gone = old.len() - new.len();
        (new, format!("{gone} fixed removed, "))
    } else if exists && !args.force {
        return usage_error(format!(
            "{} exists; `akslint baseline --update` removes the fixed entries, `--force` records today's findings instead",
            path.display()
        ));
    } else {
        (Baseline::of(&report.diagnostics), String::new())
    };
    if let Err(e) = std::fs::write(&path, new.to_json()) {
        return usage_error(format!("{}: {e}", path.display()));
    }
    eprintln!(
        "akslint: wrote {} ({what}{} findings in {} entries)",
        path.display(),
        new.len(),
        new.entries.len()
    );
    ExitCode::SUCCESS
}

/// Lints what `args` name, each file with its config; `report`: how `check` reports (`None`
/// for `baseline`, which shows no findings).
fn run(
    args: &LintArgs,
    configs: &Configs<'_>,
    report: Option<&CheckArgs>,
    inputs: &[Input],
) -> Result<Run, ExitCode> {
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let color = report.is_some_and(|r| match (r.no_color, r.color) {
        (true, _) | (_, ColorChoice::Never) => false,
        (false, ColorChoice::Always) => true,
        (false, ColorChoice::Auto) => terminal && std::env::var_os("NO_COLOR").is_none(),
    });
    // The texts are kept for code frames, and for the fixes to be made on.
    let keep_sources = report.is_some_and(|r| {
        r.format == Format::Text
            || r.output.iter().any(|o| o.format == Format::Text)
            || r.fix
            || r.diff
            || r.add_ignore.is_some()
    });
    let opts = options(args, keep_sources);
    if let Some(missing) = opts.var_files.iter().find(|p| !p.is_file()) {
        return Err(usage_error(format!(
            "--var-file {}: no such file",
            missing.display()
        )));
    }
    let report = match engine::lint_with(inputs, configs, &opts) {
        Ok(r) => r,
        Err(e) => return Err(usage_error(e)),
    };
    if args.verbose {
        for line in configs.usage() {
            eprintln!("akslint: {line}");
        }
    }
    // Undocumented: how the cache served, for tests and the benchmark.
    if std::env::var_os("AKSLINT_CACHE_STATS").is_some() {
        eprintln!("{}", report.cache);
    }
    Ok(Run {
        report,
        terminal,
        color,
    })
}

/// How `args` ask the engine to lint.
fn options(args: &LintArgs, keep_sources: bool) -> Options {
    Options {
        parse_only: args.parse_only,
        threads: args.threads,
        keep_sources,
        var_files: args.var_file.clone(),
        context: if args.no_context {
            Context::Off
        } else {
            Context::Project
        },
        namespace: args.namespace.clone(),
        force_exclude: args.force_exclude,
        cache: !args.no_cache,
        terraform_trees: None,
        stdin_replaces: false,
        project_walk: None,
    }
}

/// The inputs of a check: the named paths (a name that is no path but looks like a subcommand is a
/// usage error that says so), or standard input for `-`.
fn inputs(args: &LintArgs, configs: &Configs<'_>) -> Result<Vec<Input>, ExitCode> {
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths.clone()
    };
    let mut inputs = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            // One byte over the largest cap (of the config of the name it is shown under) tells
            // the engine the input is over it; a Terraform plan's is the largest.
            let name = std::path::Path::new(&args.stdin_filename);
            let cap = configs.with_config_of(name, |c| {
                let l = &c.limits;
                let plan = if name.extension().is_some_and(|e| e == "json") {
                    l.plan_size
                } else {
                    0
                };
                l.file_size.max(l.terraform_file_size).max(plan)
            });
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin().take(cap + 1).read_to_end(&mut bytes) {
                return Err(usage_error(format!("cannot read standard input: {e}")));
            }
            inputs.push(Input::Stdin {
                name: args.stdin_filename.clone(),
                bytes,
            });
            continue;
        }
        if !p.exists()
            && let Some(command) = p.to_str().and_then(meant_subcommand)
        {
            return Err(usage_error(format!(
                "`{}` is neither a file nor a command; did you mean `akslint {command}`? (`akslint --help` lists the commands)",
                p.display()
            )));
        }
        inputs.push(Input::Path(p));
    }
    Ok(inputs)
}

/// Writes the report: `--format` to standard output (unless an `--output` takes it with `-`),
/// each `--output` to its file, and `--statistics`.
fn write_outputs(
    args: &CheckArgs,
    report: &akslint::diagnostic::LintResult,
    cfg: &Config,
    color: bool,
    terminal: bool,
    fail_on: Option<Severity>,
    to_stderr: bool,
) -> Result<(), ExitCode> {
    let width = terminal
        .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .flatten();
    let on_stdout = args
        .output
        .iter()
        .find(|o| o.path.as_os_str() == "-")
        .map_or(args.format, |o| o.format);
    let style = |format: Format, to_terminal: bool| Style {
        color: color && format == Format::Text && to_terminal,
        width: if to_terminal { width } else { None },
        fail_on,
    };
    let mut out: std::io::BufWriter<Box<dyn Write>> = std::io::BufWriter::new(if to_stderr {
        Box::new(std::io::stderr().lock())
    } else {
        Box::new(std::io::stdout().lock())
    });
    let written = report::write(
        on_stdout,
        report,
        cfg,
        &style(on_stdout, terminal),
        &mut out,
    )
    .and_then(|_| {
        if args.statistics && on_stdout.is_human() {
            out.write_all(report::statistics(report).as_bytes())?;
        }
        out.flush()
    });
    if let Err(e) = written {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Err(ExitCode::from(2));
        }
        return Err(usage_error(format!("cannot write the output: {e}")));
    }
    if args.statistics && !on_stdout.is_human() {
        eprint!("{}", report::statistics(report));
    }
    for o in args.output.iter().filter(|o| o.path.as_os_str() != "-") {
        let written = std::fs::File::create(&o.path).and_then(|f| {
            let mut w = std::io::BufWriter::new(f);
            report::write(o.format, report, cfg, &style(o.format, false), &mut w)?;
            w.flush()
        });
        if let Err(e) = written {
            return Err(usage_error(format!("--output {}: {e}", o.path.display())));
        }
    }
    Ok(())
}

/// `akslint init`: never over an existing file without `--force`.
fn init(force: bool, schema: bool) -> ExitCode {
    let path = std::path::Path::new(akslint::config::FILE_NAME);
    if path.exists() && !force {
        return usage_error(format!(
            "{} exists; `akslint init --force` replaces it",
            path.display()
        ));
    }
    let schema_file = "akslint.schema.json";
    if schema && let Err(e) = std::fs::write(schema_file, akslint::init::SCHEMA) {
        return usage_error(format!("{schema_file}: {e}"));
    }
    let text = akslint::init::config(schema.then_some("./akslint.schema.json"));
    match std::fs::write(path, text) {
        Ok(()) => {
            eprintln!("akslint: wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(format!("{}: {e}", path.display())),
    }
}

fn rules() -> ExitCode {
    let mut out = String::new();
    for r in akslint::rules::all() {
        let m = r.meta();
        out.push_str(&format!(
            "{}  {:<36} {:<8} {:<11} {}\n",
            m.id,
            m.name,
            m.severity.as_str(),
            m.layer,
            m.summary
        ));
    }
    print_out(&out)
}

/// Writes to stdout; a closed pipe (`akslint rules | head`) is not an error.
fn print_out(text: &str) -> ExitCode {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            usage_error(format!("cannot write the output: {e}"))
        }
        _ => ExitCode::SUCCESS,
    }
}

fn explain(rule: &str) -> ExitCode {
    match akslint::rules::find(rule) {
        Some(r) => print_out(&r.meta().explain()),
        None => usage_error(format!("no rule `{rule}`; `akslint rules` lists them")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads mimalloc's purge delay as the allocator sees it.
    fn purge_delay() -> std::ffi::c_long {
        #[allow(unsafe_code)]
        // SAFETY: mi_option_get reads one entry of the options table; any index is accepted.
        unsafe {
            libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY)
        }
    }

    /// Index 15 is the purge delay: its default is mimalloc 3's 1,000 ms (a wrong index, or a
    /// mimalloc whose default changed, fails here: measure again), and setting it takes effect.
    #[test]
    fn the_purge_delay_is_set_unless_the_environment_sets_it() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            eprintln!("skipped: MIMALLOC_PURGE_DELAY is set");
            return;
        }
        assert_eq!(purge_delay(), 1000);
        return_freed_pages_soon();
        assert_eq!(purge_delay(), PURGE_DELAY_MS);
    }
}
