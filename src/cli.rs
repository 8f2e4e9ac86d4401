//! Command line: `akslint [check] PATHS…`, `akslint rules`, `akslint explain ID`.

use crate::report::Format;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  akslint                                   lint the current directory (YAML, JSON, Terraform)
  akslint k8s/ infra/ --fail-on error       exit 1 only for errors
  helm template ./chart | akslint - --stdin-filename chart.yaml
  akslint infra/ --var-file envs/prod.tfvars
  akslint --output sarif=akslint.sarif        text on the terminal, SARIF for upload
  akslint --select AKS4 --ignore AKS414     only the workload rules, one left out
  akslint explain AKS402                    a rule's documentation
  akslint baseline                          record today's findings in .akslint-baseline.json
  akslint --baseline .akslint-baseline.json report only findings not recorded there
  akslint --fix --unsafe-fixes k8s/         apply every fix (--diff: show them instead)

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage or config error.
Configuration: each file's nearest akslint.toml, in its directory or above (--config: one for all).";

#[derive(Debug, Parser)]
#[command(
    name = "akslint",
    version,
    about = "Lints Kubernetes manifests (YAML, JSON, helm and kustomize output) and Terraform for AKS \
             security best practice, offline.",
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and directories (the default command). `-` reads standard input.
    Check(Box<CheckArgs>),
    /// List the rules.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// Rule ID (`AKS402`) or name (`privilege-escalation-allowed`).
        rule: String,
    },
    /// Write a commented `akslint.toml` in the current directory.
    Init {
        /// Replace an existing `akslint.toml`.
        #[arg(long)]
        force: bool,
        /// Also write `akslint.schema.json` beside it, for editors to complete and check the file.
        #[arg(long)]
        schema: bool,
    },
    /// Print the JSON Schema of `akslint.toml`.
    Schema,
    /// Record today's findings in a baseline (`.akslint-baseline.json` at the project root, or
    /// where `--baseline` or the config's `baseline` says), which `check` then does not report
    /// again.
    Baseline(Box<BaselineArgs>),
    /// Run the language server on standard input and output, for editors: the findings of each
    /// open file as it is typed (`--stdio`, which some clients pass, changes nothing).
    Lsp {
        #[arg(long, hide = true)]
        stdio: bool,
        /// Use this akslint.toml for every file instead of each file's nearest one (read again
        /// for each lint, so edits to it apply; one that does not load is shown on each file).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print a shell completion script (`akslint completions bash > ~/.local/share/bash-completion/completions/akslint`).
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, clap::Args)]
pub struct BaselineArgs {
    /// Replace an existing baseline with today's findings.
    #[arg(long, conflicts_with = "update")]
    pub force: bool,
    /// Only remove the entries of the existing baseline that were fixed (a ratchet: nothing is
    /// added). Entries of paths or rules this run did not judge stay.
    #[arg(long)]
    pub update: bool,
    #[command(flatten)]
    pub lint: LintArgs,
}

/// When to colour the text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    Always,
    Never,
}

/// `--output FORMAT=PATH`: one more output of the run (`-` is standard output).
#[derive(Debug, Clone)]
pub struct OutputSpec {
    pub format: Format,
    pub path: PathBuf,
}

fn output_spec(s: &str) -> Result<OutputSpec, String> {
    let (format, path) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}`: expected FORMAT=PATH (e.g. sarif=akslint.sarif)"))?;
    let format = Format::from_str(format, true).map_err(|_| {
        let names: Vec<String> = Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
            .collect();
        format!("`{format}` is no format ({})", names.join(", "))
    })?;
    if path.is_empty() {
        return Err(format!("`{s}`: the path is empty (`-` is standard output)"));
    }
    Ok(OutputSpec {
        format,
        path: PathBuf::from(path),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Note,
    Never,
}

/// `check`: what to lint (as `baseline` takes it) and how to report it.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: Format,
    /// Exit 1 when a finding at or above this severity remains.
    #[arg(long, value_enum, default_value = "warning")]
    pub fail_on: FailOn,
    /// Write the report in another format too, to a file (`-`: standard output instead of
    /// `--format`); repeatable: one run writes SARIF for upload and prints text for people.
    #[arg(long, value_name = "FORMAT=PATH", value_parser = output_spec)]
    pub output: Vec<OutputSpec>,
    /// After the report, count the findings per rule (on standard error for machine formats).
    #[arg(long)]
    pub statistics: bool,
    /// Colour the text output: `auto` on a terminal unless `NO_COLOR` is set.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Never colour the text output (the same as `--color never`).
    #[arg(long)]
    pub no_color: bool,
    /// Apply the safe fixes (block-style YAML: an unused suppression, an overridden duplicate
    /// key), then report what remains. Standard input's fixed text goes to standard output (the
    /// report to standard error).
    #[arg(long)]
    pub fix: bool,
    /// With `--fix` or `--diff`: the unsafe fixes too, which harden workloads and can break them
    /// (`readOnlyRootFilesystem: true`, `runAsNonRoot: true`…). Alone it changes nothing.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what `--fix` would change, write nothing, report nothing; exit 1
    /// when there would be a change.
    #[arg(long)]
    pub diff: bool,
    /// Write `# akslint-ignore: RULE -- REASON` above the line of each finding in YAML and
    /// Terraform files (one comment per line, naming its rules), then report what remains.
    #[arg(long, value_name = "REASON", conflicts_with_all = ["fix", "diff"])]
    pub add_ignore: Option<String>,
    #[command(flatten)]
    pub lint: LintArgs,
}

/// What to lint, with which config and rules: `check`'s and `baseline`'s options.
#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Files and directories to lint; `-` for standard input. Default: the current directory.
    pub paths: Vec<PathBuf>,
    /// Configuration file for every path (default: each file's nearest `akslint.toml`, in its
    /// directory or above).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// The baseline: `check` reports only findings not in it, and its exit code counts those;
    /// `baseline` writes it. Default: the config's `baseline` (for `baseline`: else
    /// `.akslint-baseline.json` at the project root).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
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
    /// Run only these rules (IDs, names or ID prefixes; comma-separated or repeated), instead of
    /// the config's `select`.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Option<Vec<String>>,
    /// Run these rules too, beside the config's `select`.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub extend_select: Vec<String>,
    /// Do not run these rules (added to the config's `ignore`).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// The namespace of objects that name none (default: `namespace` in akslint.toml, else
    /// `default`), as `kubectl apply -n` would place them.
    #[arg(long, value_name = "NAME")]
    pub namespace: Option<String>,
    /// Read only the named paths: cross-file rules do not look at the rest of the project (the
    /// directory holding `.git`, or an akslint.toml with `root = true`).
    #[arg(long)]
    pub no_context: bool,
    /// Apply `exclude` to the files named on the command line too (pre-commit names every
    /// changed file; the hooks turn this on).
    #[arg(long)]
    pub force_exclude: bool,
    /// Say on standard error which configuration applied to which files (or that none was found).
    #[arg(long, short = 'v')]
    pub verbose: bool,
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
    let known = SUBCOMMANDS.contains(&first)
        || matches!(first, "help" | "-h" | "--help" | "-V" | "--version");
    if known {
        return args;
    }
    let mut out = args;
    out.insert(1.min(out.len()), "check".into());
    out
}

/// The subcommands, for "did you mean" when a path that does not exist looks like one.
pub const SUBCOMMANDS: [&str; 8] = [
    "check",
    "rules",
    "explain",
    "completions",
    "init",
    "schema",
    "baseline",
    "lsp",
];

/// A subcommand that `arg` (a path that does not exist) was probably meant to be: one typo away
/// (an edit distance of at most 2), or a word linters use for checking.
pub fn meant_subcommand(arg: &str) -> Option<&'static str> {
    if arg.contains(['/', '\\', '.']) {
        return None;
    }
    let lower = arg.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "lint" | "scan" | "run" | "test" | "analyze" | "analyse"
    ) {
        return Some("check");
    }
    SUBCOMMANDS
        .iter()
        .copied()
        .find(|c| edit_distance(&lower, c) <= 2 && lower.len() >= 3)
}

/// Levenshtein distance (short words only: the subcommands).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list `akslint .` and the typo suggestions read is clap's own list of subcommands.
    #[test]
    fn the_subcommand_list_is_clap_s() {
        use clap::CommandFactory;
        let mut clap: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        let mut ours: Vec<String> = SUBCOMMANDS.iter().map(|s| s.to_string()).collect();
        clap.sort();
        ours.sort();
        assert_eq!(clap, ours);
    }

    #[test]
    fn typos_of_subcommands_are_recognised() {
        assert_eq!(meant_subcommand("lint"), Some("check"));
        assert_eq!(meant_subcommand("chek"), Some("check"));
        assert_eq!(meant_subcommand("rule"), Some("rules"));
        assert_eq!(meant_subcommand("explian"), Some("explain"));
        assert_eq!(meant_subcommand("deploy.yaml"), None);
        assert_eq!(meant_subcommand("k8s/app"), None);
        assert_eq!(meant_subcommand("manifests"), None);
    }

    #[test]
    fn outputs_name_a_format_and_a_path() {
        let o = output_spec("sarif=out/a.sarif").unwrap();
        assert_eq!(o.format, Format::Sarif);
        assert_eq!(o.path, PathBuf::from("out/a.sarif"));
        assert!(output_spec("sarif").is_err());
        assert!(output_spec("xml=a").unwrap_err().contains("no format"));
        assert!(output_spec("json=").is_err());
    }
}
