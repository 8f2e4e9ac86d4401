//! The properties the fuzz targets check, one function per target, shared with
//! `tests/fuzz_regressions.rs` (which replays every input that ever failed through the same
//! functions under a plain `cargo test`, no nightly needed). Each function panics when a
//! property fails; libFuzzer reports the panic as a crash and keeps the input.
//!
//! Properties:
//! - nothing panics (or aborts: a stack overflow, an allocation failure);
//! - every span of every finding (and of its related locations) lies inside the text it points
//!   into, on char boundaries, and its line/column positions are the ones that span gives;
//! - every output format (text with code frames wrapped at 80 columns, compact, JSON, GitHub,
//!   JUnit, Checkstyle, Azure, GitLab) writes the findings;
//! - linting the same input twice gives the same result, field by field (the findings, the
//!   sources kept for code frames, the counts, what was judged), and the same bytes of JSON. The
//!   second run's other formats are not written: each format is a function of the result alone,
//!   and writing them all again (the text format's code frames most) was a fifth of an execution;
//! - the findings' fixes edit inside the text, on char boundaries, and applying them all (as
//!   `--fix --unsafe-fixes` does in one pass), like adding a suppression comment above each
//!   finding (`--add-ignore`), leaves no more documents or Terraform files failing to parse,
//!   and the comments leave every YAML document's data as it was;
//! - time and memory are bounded by the fuzzer itself (`-timeout`, `-rss_limit_mb`: see
//!   `scripts/fuzz.sh`), not here.
//!
//! The inputs "live" in a directory that does not exist ([`HOME`]): a fuzzed `main.tf` that
//! calls `./modules/x` reaches nothing on the machine, so every run sees the same world.

use akslint::config::Config;
use akslint::diagnostic::{Diagnostic, Finding, LintResult};
use akslint::engine::{self, Input, Options};
use akslint::report::{self, Format, Style};
use akslint::source::{LineIndex, Pos, Span};
use akslint::suppress::{self, Scope, Suppression};
use akslint::terraform::comments::line_comments;
use akslint::terraform::{TfLimits, parse_body};
use akslint::yaml::{self, YamlLimits};
use std::cell::OnceCell;
use std::path::Path;
use std::sync::OnceLock;

/// The directory the fuzzed files are named in. It does not exist.
pub const HOME: &str = "/nonexistent/akslint-fuzz";

/// The longest message, object, source or help the engine shows, in characters, plus its
/// "… (N more characters)" note.
const MAX_TEXT: usize = 2000 + 40;

fn config() -> &'static Config {
    static CFG: OnceLock<Config> = OnceLock::new();
    CFG.get_or_init(|| Config::default_at(Path::new(HOME)))
}

/// `fuzz_targets/manifest.rs`: one YAML or JSON file (JSON when it starts with `{` or `[`)
/// through the whole per-file lint — decoding, the YAML front end with its limits, the
/// Kubernetes objects and rules, suppressions, the cross-file stage — and the output formats.
pub fn manifest(bytes: &[u8]) {
    let json = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| matches!(b, b'{' | b'['));
    let name = if json { "fuzz.json" } else { "fuzz.yaml" };
    lint_twice(&format!("{HOME}/{name}"), bytes);
}

/// `fuzz_targets/terraform.rs`: one `main.tf`, a root module of its own — the HCL front end,
/// the module's declarations, the evaluator (variables, locals, functions, `count` and
/// `for_each`), the Azure rules, HCL suppressions — and the output formats. An input that starts
/// like JSON (`{`) is also linted as `plan.json`: when it is a Terraform plan (`format_version` +
/// `planned_values`), through the plan reader (validation, `planned_values` and `after_unknown`,
/// `configuration`'s references) and the same rules.
pub fn terraform(bytes: &[u8]) {
    lint_twice(&format!("{HOME}/main.tf"), bytes);
    let json = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{');
    if json {
        lint_twice(&format!("{HOME}/plan.json"), bytes);
    }
}

/// Lints `bytes` as standard input named `name`, twice, and checks every finding.
fn lint_twice(name: &str, bytes: &[u8]) {
    let first = lint(name, bytes);
    let json = report(&first, &FORMATS);
    let text = decoded(bytes);
    if let Some(src) = first.sources.get(name) {
        assert_eq!(
            &**src, text,
            "the kept source is not the text that was linted"
        );
    }
    let lines = LineIndex::new(&text);
    for d in &first.diagnostics {
        check_diagnostic(d, name, &text, &lines);
    }
    check_fixes(name, &text, &first.diagnostics);
    let second = lint(name, bytes);
    assert_eq!(
        first.diagnostics, second.diagnostics,
        "linting twice gave different findings"
    );
    assert!(
        format!("{first:?}") == format!("{second:?}"),
        "linting twice gave different results"
    );
    assert!(
        json == report(&second, &[Format::Json]),
        "linting twice gave different output"
    );
}

/// The fixes of the findings (`--fix --unsafe-fixes`, the editor's quick fixes) edit inside the
/// text, on char boundaries, and applying them all, like writing a suppression comment above
/// each finding (`--add-ignore`), leaves no more documents (or Terraform files) that fail to
/// parse; and the comments leave every YAML document's data as it was.
fn check_fixes(name: &str, text: &str, diags: &[Diagnostic]) {
    use akslint::fix::{self, Fix};
    let mut diags = diags.to_vec();
    fix::attach(name, text, &mut diags);
    let fixes: Vec<&Fix> = diags.iter().filter_map(|d| d.fix.as_ref()).collect();
    for f in &fixes {
        for e in &f.edits {
            check_span(e.span, text, "a fix's edit");
        }
    }
    // The text as it was is parsed (again) only when an edit changed it.
    let before = OnceCell::new();
    let original = || before.get_or_init(|| Read::of(name, text));
    let fixed = fix::apply(text, &fixes).text;
    if fixed != text {
        assert!(
            Read::of(name, &fixed).errors <= original().errors,
            "the fixes broke the file:\n{fixed}"
        );
    }
    let mine: Vec<&Diagnostic> = diags.iter().filter(|d| d.file == name).collect();
    let (ignored, _) = fix::ignore::add_all(name, text, &mine, "fuzz");
    if ignored != text {
        let read = Read::of(name, &ignored);
        assert!(
            read.errors <= original().errors,
            "the suppression comments broke the file:\n{ignored}"
        );
        // Comments are no data: every document reads the same with them.
        assert!(
            read.data == original().data,
            "the suppression comments changed the data:\n{ignored}"
        );
    }
}

/// A text as the front end reads it (one parse): how many of its YAML documents fail to parse
/// (Terraform: whether the file does), and what each YAML document holds — its nodes in parse
/// order, scalars by value, collections by size, aliases by target (a document that does not
/// parse: its error).
struct Read {
    errors: usize,
    data: Vec<Result<Vec<String>, String>>,
}

impl Read {
    fn of(name: &str, text: &str) -> Read {
        use akslint::yaml::NodeKind;
        if name.ends_with(".tf") {
            return Read {
                errors: usize::from(parse_body(text, &TfLimits::default()).is_err()),
                data: Vec::new(),
            };
        }
        let file = yaml::parse_file(text, &YamlLimits::default());
        let data: Vec<Result<Vec<String>, String>> = file
            .docs
            .iter()
            .map(|d| match d {
                Err(e) => Err(e.message.clone()),
                Ok(doc) => Ok((0..doc.node_count() as u32)
                    .map(|id| match &doc.node(id).kind {
                        NodeKind::Scalar { .. } => format!("{:?}", doc.str(id)),
                        NodeKind::Seq(items) => format!("seq {}", items.len()),
                        NodeKind::Map(entries) => format!("map {}", entries.len()),
                        NodeKind::Alias(target) => format!("alias {target}"),
                    })
                    .collect()),
            })
            .collect();
        Read {
            errors: data.iter().filter(|d| d.is_err()).count(),
            data,
        }
    }
}

/// The formats written per finding, JSON first (see [`report`]). (SARIF is left out: its
/// input-dependent part — escaped names, regions, messages — is what JSON and the line formats
/// write too, and every SARIF report also carries the descriptions of every rule, which cost ten
/// times the rest of an execution.)
const FORMATS: [Format; 8] = [
    Format::Json,
    Format::Text,
    Format::Compact,
    Format::Github,
    Format::Junit,
    Format::Checkstyle,
    Format::Azure,
    Format::Gitlab,
];

/// One run through the library.
fn lint(name: &str, bytes: &[u8]) -> LintResult {
    let inputs = [Input::Stdin {
        name: name.to_string(),
        bytes: bytes.to_vec(),
    }];
    let opts = Options {
        threads: Some(1),
        keep_sources: true,
        ..Options::default()
    };
    engine::lint(&inputs, config(), &opts).expect("standard input is no usage error")
}

/// The result written in each of `formats`; the bytes of the first.
fn report(result: &LintResult, formats: &[Format]) -> Vec<u8> {
    // Text wrapped at 80 columns (a terminal's), the CI formats with their XML escaping.
    let style = Style {
        color: false,
        width: Some(80),
        fail_on: None,
    };
    let mut first = Vec::new();
    for (i, &format) in formats.iter().enumerate() {
        let mut out = Vec::new();
        report::write(format, result, config(), &style, &mut out).expect("writing to memory");
        if i == 0 {
            first = out;
        }
    }
    first
}

/// The text the front ends see: none for binary input (a NUL in the first 8,000 bytes), else
/// every invalid UTF-8 byte replaced by `?`, one for one (both front ends decode so).
fn decoded(bytes: &[u8]) -> String {
    if bytes.iter().take(8000).any(|&b| b == 0) {
        return String::new();
    }
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    text
}

/// A finding's file, spans, positions and texts.
fn check_diagnostic(d: &Diagnostic, name: &str, text: &str, lines: &LineIndex) {
    let what = format!("{} {:?} at {:?}", d.rule, d.message, d.span);
    if d.file != name {
        // Nothing else is read (see HOME), so nothing else has a text to point into.
        assert!(d.span.is_none(), "{what}: a span in {}", d.file);
    }
    match d.span {
        Some(s) => {
            check_span(s, text, &what);
            assert_eq!(
                (d.start, d.end),
                positions(s, text, lines),
                "{what}: positions"
            );
        }
        None => assert_eq!(
            (d.start, d.end),
            (Pos::default(), Pos::default()),
            "{what}: a file-level finding has no position"
        ),
    }
    for r in &d.related {
        let what = format!("{what}, related {:?}", r.message);
        assert_eq!(r.file, d.file, "{what}: in another file");
        let s = r.span.unwrap_or_else(|| panic!("{what}: no span"));
        check_span(s, text, &what);
        assert_eq!((r.start, r.end), positions(s, text, lines), "{what}");
        assert!(r.message.chars().count() <= MAX_TEXT, "{what}: too long");
    }
    assert!(!d.message.is_empty(), "{what}: an empty message");
    assert!(
        d.fingerprint.len() == 32 && d.fingerprint.bytes().all(|b| b.is_ascii_hexdigit()),
        "{what}: fingerprint {:?}",
        d.fingerprint
    );
    for t in [
        Some(&d.message),
        d.object.as_ref(),
        d.source.as_ref(),
        d.help.as_ref(),
        d.locator.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        assert!(t.chars().count() <= MAX_TEXT, "{what}: {} chars", t.len());
    }
}

fn check_span(s: Span, text: &str, what: &str) {
    let (a, b) = (s.start as usize, s.end as usize);
    assert!(a <= b, "{what}: the span ends before it starts");
    assert!(
        b <= text.len(),
        "{what}: the span ends past the text ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(a) && text.is_char_boundary(b),
        "{what}: the span splits a character"
    );
}

fn positions(s: Span, text: &str, lines: &LineIndex) -> (Pos, Pos) {
    (
        lines.pos(text, s.start as usize),
        lines.pos(text, s.end as usize),
    )
}

/// `fuzz_targets/suppress.rs`: the suppression-comment parser on its own, much faster than a
/// whole lint: the directive grammar on every line, then the text's comments found by each
/// front end (YAML, and HCL when the text parses as HCL) read as suppressions, placed, and
/// applied to findings of the rules they name.
pub fn suppressions(bytes: &[u8]) {
    let text = decoded(bytes);
    for line in text.lines() {
        directive(line);
    }
    let lines = LineIndex::new(&text);
    let file = yaml::parse_file(&text, &YamlLimits::default());
    let sups = suppress::from_comments(&text, &file.comments, &lines);
    let again = suppress::from_comments(&text, &file.comments, &lines);
    assert_eq!(
        format!("{sups:?}"),
        format!("{again:?}"),
        "not deterministic"
    );
    for s in &sups {
        check_suppression(s, &text, &lines);
    }
    apply_named(sups, &lines);
    if let Ok(body) = parse_body(&text, &TfLimits::default()) {
        let comments = line_comments(&text, &body, &lines);
        for c in &comments {
            check_span(c.span, &text, "HCL comment");
            let (a, b) = c.covers;
            assert!(
                a <= b && b < lines.line_count(),
                "HCL comment covers {a}..={b}"
            );
        }
        let sups = suppress::from_hcl_comments(&text, &comments);
        for s in &sups {
            check_suppression(s, &text, &lines);
        }
        apply_named(sups, &lines);
    }
}

/// The grammar of one comment: what it names and its reason are pieces of it.
fn directive(comment: &str) {
    let Some((_, rules, reason)) = suppress::parse_directive(comment) else {
        return;
    };
    for n in &rules {
        assert!(!n.text.is_empty(), "an empty rule name in {comment:?}");
        assert!(
            !n.text.contains([',', ' ', '\t']),
            "{:?} is more than one name",
            n.text
        );
        assert!(comment.contains(&n.text), "{:?} not in {comment:?}", n.text);
        if let Some(id) = n.id {
            assert_eq!(akslint::rules::id_of(&n.text), Some(id));
        }
    }
    if let Some(r) = reason {
        assert!(!r.is_empty() && r.trim() == r, "reason {r:?}");
        assert!(comment.contains(&r), "reason {r:?} not in {comment:?}");
    }
}

/// A suppression's span is a comment directive that names what the suppression names, and its
/// scope lies within the text's lines.
fn check_suppression(s: &Suppression, text: &str, lines: &LineIndex) {
    check_span(s.span, text, "suppression");
    let comment = &text[s.span.range()];
    let (file, rules, reason) =
        suppress::parse_directive(comment).unwrap_or_else(|| panic!("{comment:?} is no directive"));
    let names = |r: &[suppress::Named]| r.iter().map(|n| n.text.clone()).collect::<Vec<_>>();
    assert_eq!(names(&rules), names(&s.rules), "{comment:?}");
    assert_eq!(reason, s.reason, "{comment:?}");
    assert_eq!(file, s.scope == Scope::File, "{comment:?}: {:?}", s.scope);
    let count = lines.line_count();
    match s.scope {
        // A standalone directive above no code applies to the line past the last.
        Scope::Line(l) => assert!(l <= count, "line {l} of {count}"),
        Scope::Lines(a, b) => assert!(a <= b && b < count, "lines {a}..={b} of {count}"),
        Scope::File => {}
        Scope::Object => panic!("a comment with an object's scope"),
    }
}

/// A finding of every known rule a suppression names, where the suppression applies: every one
/// is suppressed, and every such rule of every such suppression is then used.
fn apply_named(mut sups: Vec<Suppression>, lines: &LineIndex) {
    let mut findings = Vec::new();
    for s in &sups {
        let line = match s.scope {
            Scope::Line(l) | Scope::Lines(l, _) if l < lines.line_count() => Some(l),
            Scope::Line(_) | Scope::Lines(..) => continue,
            Scope::File | Scope::Object => None,
        };
        for id in s.rules.iter().filter_map(|n| n.id) {
            let rule = akslint::rules::find(id).expect("a known rule").meta();
            let span = line.map(|l| Span::new(lines.line_start(l), lines.line_start(l)));
            findings.push(Finding::new(rule, span, "fuzz"));
        }
    }
    let made = findings.len();
    suppress::apply(&mut findings, &mut sups, lines);
    assert!(
        findings.is_empty(),
        "{} of {made} not suppressed",
        findings.len()
    );
    for s in &sups {
        for n in s.rules.iter().filter(|n| n.id.is_some()) {
            let applies = match s.scope {
                Scope::Line(l) | Scope::Lines(l, _) => l < lines.line_count(),
                _ => true,
            };
            assert_eq!(n.used, applies, "{:?} of {:?}", n.text, s.scope);
        }
    }
    suppress::problems(&sups, |_| true);
}
