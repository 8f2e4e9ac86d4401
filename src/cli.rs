//! Command line: `akslint [check] PATHS…`, `akslint rules`, `akslint explain ID`.

use crate::report::Format;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "akslint",
    version,
    about = "Lints Kubernetes manifests and Terraform for AKS security best practice, offline."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and directories (the default command). `-` reads standard input.
    Check(CheckArgs),
    /// List the rules.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// Rule ID (`AKS402`) or name (`privilege-escalation-allowed`).
        rule: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Note,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files and directories to lint; `-` for standard input. Default: the current directory.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: Format,
    /// Exit 1 when a finding at or above this severity remains.
    #[arg(long, value_enum, default_value = "warning")]
    pub fail_on: FailOn,
    /// Configuration file (default: `akslint.toml` from the current directory upward).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// The name under which standard input is reported.
    #[arg(long, default_value = "<stdin>")]
    pub stdin_filename: String,
    /// A Terraform variables file for the root modules (repeatable; later ones win), as
    /// `terraform plan -var-file` takes it.
    #[arg(long = "var-file", value_name = "FILE")]
    pub var_file: Vec<PathBuf>,
    /// Worker threads (default: one per core; at most 256).
    #[arg(long, value_parser = threads)]
    pub threads: Option<usize>,
    /// Never colour the text output (`NO_COLOR` is honoured too).
    #[arg(long)]
    pub no_color: bool,
    /// The namespace of objects that name none (default: `namespace` in akslint.toml, else
    /// `default`), as `kubectl apply -n` would place them.
    #[arg(long, value_name = "NAME")]
    pub namespace: Option<String>,
    /// Read only the named paths: cross-file rules do not look at the rest of the project (the
    /// directory holding `.git`, or an akslint.toml with `root = true`).
    #[arg(long)]
    pub no_context: bool,
    /// Neither read nor write the cache (`.akslint_cache/` at the project root, which keeps
    /// each YAML/JSON file's findings and cross-file facts while the file is unchanged).
    #[arg(long)]
    pub no_cache: bool,
    /// Benchmark aid: discover, read and parse only; no rules, no output.
    #[arg(long, hide = true)]
    pub parse_only: bool,
}

/// `--threads N`, rejected above [`crate::engine::MAX_THREADS`] rather than clamped: a number
/// that large is a mistake worth hearing about, and each thread costs an 8 MiB stack.
fn threads(s: &str) -> Result<usize, String> {
    let n: usize = s.parse().map_err(|e| format!("{e}"))?;
    let max = crate::engine::MAX_THREADS;
    if n > max {
        return Err(format!("at most {max} worker threads"));
    }
    Ok(n)
}

/// Puts `check` in front when the first argument is not a subcommand (`akslint .`).
pub fn with_default_command(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let first = args.get(1).and_then(|a| a.to_str()).unwrap_or("");
    let known = [
        "check",
        "rules",
        "explain",
        "help",
        "-h",
        "--help",
        "-V",
        "--version",
    ];
    if known.contains(&first) {
        return args;
    }
    let mut out = args;
    out.insert(1.min(out.len()), "check".into());
    out
}
