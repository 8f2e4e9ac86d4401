//! The linter's own rules (AKS001–AKS006): no input of theirs to judge — the engine, the front
//! ends and the suppressions hand them what went wrong — but their words live here, like every
//! other rule's.

use super::{Declared, Rule};
use crate::declare_rule;
use crate::diagnostic::Finding;
use crate::source::Span;
use crate::terraform::plan::{Problem as PlanProblem, ProblemKind as PlanProblemKind};
use crate::terraform::{Cap, Duplicate, ParseError, ParseErrorKind};
use crate::yaml::{DocError, DuplicateKey, ErrorKind};

declare_rule!(ParseErrorRule, "AKS001", []);
declare_rule!(InputLimitRule, "AKS002", []);
declare_rule!(UnusedSuppressionRule, "AKS003", []);
declare_rule!(DuplicateKeyRule, "AKS004", []);
declare_rule!(InvalidSuppressionRule, "AKS005", []);
declare_rule!(SkippedInputRule, "AKS006", []);

impl Rule for ParseErrorRule {}
impl Rule for InputLimitRule {}
impl Rule for UnusedSuppressionRule {}
impl Rule for DuplicateKeyRule {}
impl Rule for InvalidSuppressionRule {}
impl Rule for SkippedInputRule {}

pub static ALL: &[&dyn Rule] = &[
    &ParseErrorRule,
    &InputLimitRule,
    &UnusedSuppressionRule,
    &DuplicateKeyRule,
    &InvalidSuppressionRule,
    &SkippedInputRule,
];

// ---- AKS001 parse-error -------------------------------------------------------------------

/// A file or directory that cannot be read.
pub fn unreadable(error: impl std::fmt::Display) -> Finding {
    Finding::new(ParseErrorRule.meta(), None, format!("cannot read: {error}"))
        .help("check that the file exists and is readable")
}

/// A path the directory walk could not enter.
pub fn unwalkable(error: impl std::fmt::Display) -> Finding {
    Finding::new(ParseErrorRule.meta(), None, format!("cannot read: {error}"))
        .help("check the path's permissions")
}

/// A symbolic link to nothing.
pub fn broken_link(error: impl std::fmt::Display) -> Finding {
    Finding::new(ParseErrorRule.meta(), None, format!("cannot read: {error}"))
        .help("fix or remove the broken symbolic link")
}

/// A FIFO, device or socket with a linted extension (`what`: "a FIFO"…): never opened.
pub fn not_regular_file(what: &str) -> Finding {
    Finding::new(
        ParseErrorRule.meta(),
        None,
        format!("not a regular file ({what}): not read"),
    )
    .help("lint the regular file it stands for, or pipe its content: `… | akslint check -`")
}

/// A Terraform module directory that cannot be listed.
pub fn unreadable_module(error: impl std::fmt::Display) -> Finding {
    Finding::new(
        ParseErrorRule.meta(),
        None,
        format!("cannot read the module directory: {error}"),
    )
    .help("check the path's permissions")
}

/// A second declaration of a name in one Terraform module, at its header.
pub fn duplicate_declaration(d: &Duplicate) -> Finding {
    Finding::new(
        ParseErrorRule.meta(),
        Some(d.span),
        format!(
            "{} is declared again (first in {}, line {}): Terraform rejects the configuration; only the first is read",
            d.what, d.first_file, d.first_line
        ),
    )
    .help("remove or rename one of the two declarations")
}

/// A module call that closes a cycle of calls (`modules`: the module directories around it, the
/// first repeated at the end).
pub fn module_cycle(call: Span, modules: &[String]) -> Finding {
    Finding::new(
        ParseErrorRule.meta(),
        Some(call),
        format!(
            "module call cycle {}: Terraform rejects it; this call is not followed",
            modules.join(" → ")
        ),
    )
    .help("remove the call that closes the cycle: a module cannot call itself, directly or through others")
}

/// A file with NUL bytes where YAML was expected.
pub fn binary_file() -> Finding {
    Finding::new(ParseErrorRule.meta(), None, "binary file: not YAML")
        .help("remove it from the linted paths, or exclude it with `exclude` in akslint.toml")
}

/// Bytes that are not UTF-8, from byte `at` on.
pub fn invalid_utf8(at: usize) -> Finding {
    Finding::new(
        ParseErrorRule.meta(),
        Some(Span::new(at, at)),
        format!("invalid UTF-8 at byte {at}: YAML must be UTF-8"),
    )
    .help("re-encode the file as UTF-8")
}

/// A YAML document that could not be built: AKS001 for syntax or encoding, AKS002 for a limit.
pub fn yaml_error(e: &DocError) -> Finding {
    let (rule, what, help) = match e.kind {
        ErrorKind::Encoding => return invalid_utf8(e.offset),
        ErrorKind::Limit => (
            InputLimitRule.meta(),
            "document skipped",
            "raise the limit under `[limits]` in akslint.toml if the input is trusted",
        ),
        ErrorKind::ComplexKey => (
            ParseErrorRule.meta(),
            "invalid YAML",
            "render templates first: `helm template … | akslint check -`",
        ),
        ErrorKind::Syntax => (
            ParseErrorRule.meta(),
            "invalid YAML",
            "fix the syntax; the other documents of the file were still linted",
        ),
    };
    Finding::new(
        rule,
        Some(Span::new(e.offset, e.offset)),
        format!("{what}: {}", e.message),
    )
    .help(help)
}

/// A Terraform file that could not be parsed: AKS001, or AKS002 over the size cap.
pub fn hcl_error(e: &ParseError) -> Finding {
    let (rule, help) = match e.kind {
        ParseErrorKind::TooLarge => (
            InputLimitRule.meta(),
            "raise `[limits] terraform-file-size` in akslint.toml, or split the file",
        ),
        ParseErrorKind::TooManyKeys => (
            InputLimitRule.meta(),
            "split the object (`merge(local.part_a, local.part_b)`), or keep the data in a JSON file read with `jsondecode(file(…))`",
        ),
        ParseErrorKind::Encoding => (
            ParseErrorRule.meta(),
            "re-encode the file as UTF-8; the module's other files were still read, but its values may be incomplete",
        ),
        ParseErrorKind::Syntax | ParseErrorKind::Unreadable => (
            ParseErrorRule.meta(),
            "fix the HCL; the module's other files were still read, but its values may be incomplete",
        ),
    };
    let positioned = matches!(
        e.kind,
        ParseErrorKind::Syntax | ParseErrorKind::TooManyKeys | ParseErrorKind::Encoding
    );
    let span = positioned.then(|| Span::new(e.offset, e.offset));
    Finding::new(rule, span, e.message.clone()).help(help)
}

/// A problem reading a Terraform plan (see [`crate::terraform::plan`]): AKS001 for what is no
/// plan JSON (the plan is not judged; a malformed part of it, only that part), AKS002 for a
/// limit.
pub fn plan_problem(p: &PlanProblem) -> Finding {
    const AGAIN: &str = "write the plan again with `terraform show -json plan.out > plan.json`";
    match &p.kind {
        PlanProblemKind::Unreadable => Finding::new(ParseErrorRule.meta(), None, p.message.clone())
            .help("check that the file exists and is readable"),
        PlanProblemKind::TooLarge { size, limit } => Finding::new(
            InputLimitRule.meta(),
            None,
            format!("Terraform plan of {size} bytes is over the plan-size limit of {limit} bytes: not linted"),
        )
        .help("raise `[limits] plan-size` in akslint.toml, or lint the configuration's `.tf` files instead"),
        PlanProblemKind::Syntax => Finding::new(
            ParseErrorRule.meta(),
            p.span,
            format!("invalid JSON in a Terraform plan: {}; nothing in the plan was judged", p.message),
        )
        .help(AGAIN),
        PlanProblemKind::Depth => Finding::new(
            InputLimitRule.meta(),
            p.span,
            format!("Terraform plan skipped: {}", p.message),
        )
        .help(format!("a plan as Terraform writes it nests far less; {AGAIN}")),
        PlanProblemKind::Shape => {
            Finding::new(ParseErrorRule.meta(), p.span, p.message.clone()).help(AGAIN)
        }
        PlanProblemKind::Capped(Cap::Work) => Finding::new(
            InputLimitRule.meta(),
            p.span,
            format!(
                "a planned resource of more than {} values: the rest is treated as unknown, so nothing that depends on it is judged",
                crate::terraform::budget::MAX_WORK
            ),
        )
        .help("these caps keep reading bounded and cannot be raised"),
        PlanProblemKind::Capped(cap) => value_capped(p.span.unwrap_or_default(), *cap),
        PlanProblemKind::Resources => Finding::new(
            InputLimitRule.meta(),
            p.span,
            format!(
                "more than {} resources of the kinds akslint judges (or {} values of theirs) in one Terraform plan: from this one on, they are not judged",
                crate::terraform::plan::MAX_RESOURCES,
                crate::terraform::plan::MAX_VALUES
            ),
        )
        .help("lint the configuration's `.tf` files, or plan parts of it (`terraform plan -target=…`); this cap cannot be raised"),
    }
}

// ---- AKS002 input-limit -------------------------------------------------------------------

const FILE_SIZE_HELP: &str = "raise `[limits] file-size` in akslint.toml, or split the file";

/// Standard input over the size cap.
pub fn stdin_too_large(size: usize, limit: u64) -> Finding {
    Finding::new(
        InputLimitRule.meta(),
        None,
        format!("input of {size} bytes is over the file-size limit of {limit} bytes"),
    )
    .help(FILE_SIZE_HELP)
}

/// A file over the size cap: not read.
pub fn file_too_large(size: u64, limit: u64) -> Finding {
    Finding::new(
        InputLimitRule.meta(),
        None,
        format!("file of {size} bytes is over the file-size limit of {limit} bytes: not linted"),
    )
    .help(FILE_SIZE_HELP)
}

/// A Terraform module call not followed (or, `at` none, a root module not evaluated) because
/// the run's module instances reached `cap`.
pub fn module_instances(at: Option<Span>, cap: usize) -> Finding {
    let what = if at.is_some() {
        "this call (in at least one instance of its module) and what it calls were not evaluated"
    } else {
        "this root module was not evaluated"
    };
    Finding::new(
        InputLimitRule.meta(),
        at,
        format!("module instances over the limit of {cap} per run: {what}"),
    )
    .help("raise `[limits] module-instances` in akslint.toml if the modules are trusted, or lint fewer root modules at once")
}

/// A Terraform value that hit an evaluation cap (see [`crate::terraform::budget`]): it reads as
/// unknown, so nothing that depends on it is judged.
pub fn value_capped(at: Span, cap: Cap) -> Finding {
    use crate::terraform::budget::{MAX_ELEMENTS, MAX_WORK};
    let what = match cap {
        Cap::Elements => format!("a list or object of more than {MAX_ELEMENTS} elements"),
        Cap::String => format!(
            "a string of more than {} bytes",
            crate::terraform::eval::MAX_STRING
        ),
        Cap::Work => format!(
            "a value that takes more than {MAX_WORK} steps to evaluate (shared parts make it far larger than its text)"
        ),
    };
    Finding::new(
        InputLimitRule.meta(),
        Some(at),
        format!("{what}: treated as unknown, so nothing that depends on it is judged"),
    )
    .help("build a smaller value: these caps keep evaluation bounded and cannot be raised")
}

/// A document whose aliases were not all followed, at its root.
pub fn alias_budget_exhausted(root: Option<Span>) -> Finding {
    Finding::new(
        InputLimitRule.meta(),
        root,
        "alias budget exhausted: findings of this document may be incomplete",
    )
    .help("raise `[limits] aliases` in akslint.toml if the input is trusted")
}

// ---- AKS003 unused-suppression, AKS005 invalid-suppression ---------------------------------

/// A suppression of `id` that silenced nothing.
pub fn unused_suppression(at: Span, id: &str) -> Finding {
    Finding::new(
        UnusedSuppressionRule.meta(),
        Some(at),
        format!("suppression of {id} suppressed nothing"),
    )
    .help("remove it, or move it to the line where the finding starts (or the line above it)")
}

/// A suppression naming something that is no rule.
pub fn unknown_rule(at: Span, text: &str) -> Finding {
    Finding::new(
        InvalidSuppressionRule.meta(),
        Some(at),
        format!("suppression names `{text}`, which is no akslint rule"),
    )
    .help("name a rule by its ID (`AKS402`) or name (`privilege-escalation-allowed`); `akslint rules` lists them")
}

/// A suppression naming no rule at all.
pub fn no_rule_named(at: Span) -> Finding {
    Finding::new(
        InvalidSuppressionRule.meta(),
        Some(at),
        "suppression names no rule",
    )
    .help("write `# akslint-ignore: AKS402 -- why this is acceptable`")
}

/// A suppression comment without `-- reason`; `rules` is its rule list as written.
pub fn no_reason(at: Span, rules: &str) -> Finding {
    let rules = if rules.is_empty() { "AKS402" } else { rules };
    Finding::new(
        InvalidSuppressionRule.meta(),
        Some(at),
        "suppression gives no reason",
    )
    .help(format!(
        "add the reason after `--`: `# akslint-ignore: {rules} -- why this is acceptable`"
    ))
}

// ---- AKS004 duplicate-key -----------------------------------------------------------------

/// A repeated mapping key, at the winning (last) occurrence.
pub fn duplicate_key(d: &DuplicateKey) -> Finding {
    Finding::new(
        DuplicateKeyRule.meta(),
        Some(d.last),
        format!(
            "key `{}` is repeated; Kubernetes uses this last value",
            d.key
        ),
    )
    .help("keep one occurrence of the key")
    .related(d.first, "first occurrence")
}

// ---- AKS006 skipped-input -----------------------------------------------------------------

/// A `kustomization.yaml`; `dir` is its directory as shown.
pub fn kustomization(dir: &str) -> Finding {
    Finding::new(
        SkippedInputRule.meta(),
        None,
        "kustomize configuration: not linted as a manifest (its patches are partial objects)",
    )
    .help(format!(
        "lint what kustomize builds: `kubectl kustomize {dir} | akslint check -`"
    ))
}

/// A file listed as a patch by the kustomization `kustomization` in `dir`.
pub fn kustomize_patch(kustomization: &str, dir: &str) -> Finding {
    Finding::new(
        SkippedInputRule.meta(),
        None,
        format!(
            "kustomize patch listed in {kustomization}: a partial object, not linted on its own"
        ),
    )
    .help(format!(
        "lint what kustomize builds: `kubectl kustomize {dir} | akslint check -`"
    ))
}

/// `files` un-rendered templates of the Helm chart in `chart`.
pub fn helm_chart(files: usize, chart: &str) -> Finding {
    Finding::new(
        SkippedInputRule.meta(),
        None,
        format!(
            "Helm chart: {files} file(s) under templates/ are un-rendered Go templates and were not linted"
        ),
    )
    .help(format!(
        "lint the rendered chart: `helm template {chart} | akslint check -`"
    ))
}
