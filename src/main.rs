use akslint::cli::{CheckArgs, Cli, Command, FailOn, with_default_command};
use akslint::config::Config;
use akslint::diagnostic::Severity;
use akslint::engine::{self, Context, Input, Options};
use akslint::report::{self, Format, Style};
use clap::Parser;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse_from(with_default_command(std::env::args_os().collect()));
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules => rules(),
        Command::Explain { rule } => explain(&rule),
    }
}

fn usage_error(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("akslint: {msg}");
    ExitCode::from(2)
}

fn check(args: CheckArgs) -> ExitCode {
    let cwd = std::env::current_dir().unwrap_or_default();
    let config_path = args.config.clone().or_else(|| Config::discover(&cwd));
    let cfg = match &config_path {
        Some(p) => match Config::load(p) {
            Ok(c) => c,
            Err(e) => return usage_error(e),
        },
        None => Config::default_at(std::path::Path::new("")),
    };
    let mut inputs = Vec::new();
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths.clone()
    };
    for p in paths {
        if p.as_os_str() == "-" {
            // One byte over the larger cap tells the engine the input is over it.
            let cap = cfg.limits.file_size.max(cfg.limits.terraform_file_size);
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin().take(cap + 1).read_to_end(&mut bytes) {
                return usage_error(format!("cannot read standard input: {e}"));
            }
            inputs.push(Input::Stdin {
                name: args.stdin_filename.clone(),
                bytes,
            });
        } else {
            inputs.push(Input::Path(p));
        }
    }
    let stdout = std::io::stdout();
    let color = args.format == Format::Text
        && !args.no_color
        && std::env::var_os("NO_COLOR").is_none()
        && stdout.is_terminal();
    let opts = Options {
        parse_only: args.parse_only,
        threads: args.threads,
        keep_sources: args.format == Format::Text,
        var_files: args.var_file.clone(),
        context: if args.no_context {
            Context::Off
        } else {
            Context::Project
        },
        namespace: args.namespace.clone(),
        terraform_trees: None,
    };
    if let Some(missing) = opts.var_files.iter().find(|p| !p.is_file()) {
        return usage_error(format!("--var-file {}: no such file", missing.display()));
    }
    let report = match engine::lint(&inputs, &cfg, &opts) {
        Ok(r) => r,
        Err(e) => return usage_error(e),
    };
    if args.parse_only {
        return ExitCode::SUCCESS;
    }
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Err(e) = report::write(args.format, &report, &cfg, &Style { color }, &mut out)
        .and_then(|_| out.flush())
    {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::from(2);
        }
        return usage_error(format!("cannot write the output: {e}"));
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Note => Some(Severity::Note),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| report.diagnostics.iter().any(|d| d.severity >= t));
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
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
        Some(r) => {
            let m = r.meta();
            print_out(&format!(
                "{} {} ({}, {})\n\n{}\n\n{}\n",
                m.id,
                m.name,
                m.severity.as_str(),
                m.layer,
                m.summary,
                m.body.trim()
            ))
        }
        None => usage_error(format!("no rule `{rule}`; `akslint rules` lists them")),
    }
}
