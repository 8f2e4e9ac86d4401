//! The pipeline: discover → read → parse → (per file) rules → suppressions → positions → sort.
//! Each file is parsed and checked in one task and its tree dropped right after, so memory grows
//! with findings, not with the bytes of the repository.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Finding, Related};
use crate::discover::{self, FileJob, FileKind};
use crate::k8s::{self, Object};
use crate::rules::linter::{DUPLICATE_KEY, INPUT_LIMIT, PARSE_ERROR};
use crate::rules::{self, Ctx, Rule};
use crate::source::{LineIndex, Pos, Span};
use crate::suppress::{self, Named, Scope, Suppression};
use crate::yaml::{self, ErrorKind};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;

mod terraform;

/// What to lint.
#[derive(Debug, Clone)]
pub enum Input {
    Path(PathBuf),
    /// Text read from standard input, shown under `name`.
    Stdin {
        name: String,
        bytes: Vec<u8>,
    },
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Parse only: same discovery, reads and parsing; no rules, no findings but parse errors.
    pub parse_only: bool,
    /// Worker threads (default: all cores).
    pub threads: Option<usize>,
    /// Keep the text of files with findings (for code frames).
    pub keep_sources: bool,
    /// Terraform `--var-file`s for root modules, in order (later ones win).
    pub var_files: Vec<PathBuf>,
}

#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    pub objects: usize,
    pub bytes: u64,
    /// Texts of files with findings, when `keep_sources` was asked.
    pub sources: BTreeMap<String, Arc<str>>,
}

/// Lints the inputs. `Err` only for a usage problem (a named path that does not exist).
pub fn lint(inputs: &[Input], cfg: &Config, opts: &Options) -> Result<Report, String> {
    let paths: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Path(p) => Some(p.clone()),
            Input::Stdin { .. } => None,
        })
        .collect();
    let found = discover::discover(&paths, cfg)?;
    let rules: Vec<&'static dyn Rule> = if opts.parse_only {
        Vec::new()
    } else {
        rules::all()
            .iter()
            .copied()
            .filter(|r| cfg.enabled(r.meta().id))
            .collect()
    };
    let mut jobs: Vec<Job> = found.files.into_iter().map(Job::File).collect();
    for i in inputs {
        if let Input::Stdin { name, bytes } = i {
            jobs.push(Job::Stdin {
                name: name.clone(),
                bytes: bytes.clone(),
            });
        }
    }
    let run = || -> Vec<FileResult> {
        jobs.par_iter()
            .map(|j| lint_one(j, cfg, &rules, opts))
            .collect()
    };
    let pool = pool(opts.threads.unwrap_or(0));
    let mut results = pool.install(run);
    let mut report = Report::default();
    for (file, f) in found.findings {
        if !opts.parse_only && cfg.enabled(f.rule) && !cfg.ignored_for_path(file.as_ref(), f.rule) {
            results.push(FileResult {
                diagnostics: vec![resolve(&file, "", None, f, cfg)],
                ..FileResult::default()
            });
        }
    }
    let tf = pool.install(|| {
        terraform::lint_modules(&found.modules, &found.named_modules, cfg, opts, &rules)
    });
    report.files += tf.files;
    report.objects += tf.objects;
    report.bytes += tf.bytes;
    report.sources.extend(tf.sources);
    report.diagnostics.extend(tf.diagnostics);
    for r in results {
        report.files += r.counted as usize;
        report.objects += r.objects;
        report.bytes += r.bytes;
        if let Some((name, text)) = r.source {
            report.sources.insert(name, text);
        }
        report.diagnostics.extend(r.diagnostics);
    }
    report
        .diagnostics
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    report.diagnostics.dedup();
    Ok(report)
}

fn pool(threads: usize) -> rayon::ThreadPool {
    // Our parser and tree are iterative, but keep generous stacks for the third-party parser.
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(8 << 20)
        .build()
        .expect("thread pool")
}

enum Job {
    File(FileJob),
    Stdin { name: String, bytes: Vec<u8> },
}

#[derive(Default)]
struct FileResult {
    diagnostics: Vec<Diagnostic>,
    counted: bool,
    objects: usize,
    bytes: u64,
    source: Option<(String, Arc<str>)>,
}

fn lint_one(job: &Job, cfg: &Config, rules: &[&'static dyn Rule], opts: &Options) -> FileResult {
    let (display, kind, path) = match job {
        Job::File(f) => (f.display.as_str(), f.kind, Some(&f.path)),
        Job::Stdin { name, .. } => (
            name.as_str(),
            discover::classify(name.as_ref()).unwrap_or(FileKind::Yaml),
            None,
        ),
    };
    let limit = cfg.limits.file_size;
    let file_level = |rule: &'static str, msg: String, help: &str| FileResult {
        diagnostics: vec![resolve(
            display,
            "",
            None,
            Finding::new(rule, None, msg).help(help),
            cfg,
        )],
        counted: true,
        ..FileResult::default()
    };
    let bytes = match (job, path) {
        (Job::Stdin { bytes, .. }, _) => {
            if bytes.len() as u64 > limit {
                return file_level(
                    INPUT_LIMIT,
                    format!(
                        "input of {} bytes is over the file-size limit of {limit} bytes",
                        bytes.len()
                    ),
                    "raise `[limits] file-size` in akslint.toml, or split the file",
                );
            }
            bytes.clone()
        }
        (_, Some(p)) => match read_capped(p, limit) {
            Ok(Some(b)) => b,
            Ok(None) => {
                let size = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
                return file_level(
                    INPUT_LIMIT,
                    format!(
                        "file of {size} bytes is over the file-size limit of {limit} bytes: not linted"
                    ),
                    "raise `[limits] file-size` in akslint.toml, or split the file",
                );
            }
            Err(e) => {
                return file_level(
                    PARSE_ERROR,
                    format!("cannot read: {e}"),
                    "check that the file exists and is readable",
                );
            }
        },
        _ => unreachable!("a file job has a path"),
    };
    let n = bytes.len() as u64;
    if bytes.iter().take(8000).any(|&b| b == 0) {
        if kind == FileKind::Json {
            return FileResult::default();
        }
        let mut r = file_level(
            PARSE_ERROR,
            "binary file: not YAML".into(),
            "remove it from the linted paths, or exclude it with `exclude` in akslint.toml",
        );
        r.bytes = n;
        return r;
    }
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            if kind == FileKind::Json {
                return FileResult::default();
            }
            let at = e.valid_up_to();
            let prefix = std::str::from_utf8(&bytes[..at]).expect("valid prefix");
            let lines = LineIndex::new(prefix);
            let f = Finding::new(
                PARSE_ERROR,
                Some(Span::new(at, at)),
                format!("invalid UTF-8 at byte {at}: YAML must be UTF-8"),
            )
            .help("re-encode the file as UTF-8");
            let mut d = resolve(display, prefix, Some(&lines), f, cfg);
            d.end = d.start;
            return FileResult {
                diagnostics: vec![d],
                counted: true,
                bytes: n,
                ..FileResult::default()
            };
        }
    };
    let mut r = lint_text(display, text, kind, cfg, rules, opts);
    r.bytes = n;
    if opts.keep_sources && !r.diagnostics.is_empty() {
        r.source = Some((display.to_string(), Arc::from(text)));
    }
    r
}

/// Reads a file unless it is larger than `limit` (then `Ok(None)`), without reading more.
fn read_capped(path: &PathBuf, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let f = std::fs::File::open(path)?;
    let size = f.metadata()?.len();
    if size > limit {
        return Ok(None);
    }
    let mut buf = Vec::with_capacity(size as usize);
    f.take(limit + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Ok(None);
    }
    Ok(Some(buf))
}

/// Lints one file's text (already read, size-checked and UTF-8).
fn lint_text(
    display: &str,
    text: &str,
    kind: FileKind,
    cfg: &Config,
    rules: &[&'static dyn Rule],
    opts: &Options,
) -> FileResult {
    let mut out = FileResult {
        counted: true,
        ..FileResult::default()
    };
    let parsed = yaml::parse_file(text, &cfg.limits.yaml);
    if kind == FileKind::Json && parsed.docs.iter().any(|d| d.is_err()) {
        // Only JSON that claims to be a manifest is an error; tsconfig.json is not our business.
        if !(text.contains("\"apiVersion\"") && text.contains("\"kind\"")) {
            out.counted = false;
            return out;
        }
    }
    let lines = LineIndex::new(text);
    let mut findings: Vec<Finding> = Vec::new();
    let mut sups = suppress::from_comments(text, &parsed.comments, &lines);
    for doc in &parsed.docs {
        let doc = match doc {
            Ok(d) => d,
            Err(e) => {
                let rule = if e.kind == ErrorKind::Limit {
                    INPUT_LIMIT
                } else {
                    PARSE_ERROR
                };
                let what = if e.kind == ErrorKind::Limit {
                    "document skipped"
                } else {
                    "invalid YAML"
                };
                let help = match e.kind {
                    ErrorKind::Limit => {
                        "raise the limit under `[limits]` in akslint.toml if the input is trusted"
                    }
                    ErrorKind::ComplexKey => {
                        "render templates first: `helm template … | akslint check -`"
                    }
                    ErrorKind::Syntax => {
                        "fix the syntax; the other documents of the file were still linted"
                    }
                };
                findings.push(
                    Finding::new(
                        rule,
                        Some(Span::new(e.offset, e.offset)),
                        format!("{what}: {}", e.message),
                    )
                    .help(help),
                );
                continue;
            }
        };
        if opts.parse_only {
            continue;
        }
        for obj in k8s::objects(doc) {
            out.objects += 1;
            let mut own: Vec<Finding> = Vec::new();
            for rule in rules {
                let mut cx = Ctx {
                    rule: rule.meta(),
                    params: &cfg.file.rules,
                    findings: &mut own,
                };
                rule.check(&obj, &mut cx);
            }
            let label = obj.display();
            own.retain(|f| !cfg.ignored_for_object(obj.kind, obj.namespace, obj.name, f.rule));
            let mut ann = annotation_suppressions(&obj);
            if !ann.is_empty() {
                suppress::apply(&mut own, &mut ann, &lines, |_, _| true);
                findings.extend(
                    suppress::problems(&ann, |id| cfg.enabled(id))
                        .into_iter()
                        .map(|f| with_object(f, &label, doc.helm_source.as_deref())),
                );
            }
            findings.extend(
                own.into_iter()
                    .map(|f| with_object(f, &label, doc.helm_source.as_deref())),
            );
        }
        if doc.alias_budget_exhausted() {
            findings.push(
                Finding::new(
                    INPUT_LIMIT,
                    doc.root.map(|r| doc.span(r)),
                    "alias budget exhausted: findings of this document may be incomplete",
                )
                .help("raise `[limits] aliases` in akslint.toml if the input is trusted"),
            );
        }
    }
    if !opts.parse_only {
        for d in &parsed.duplicates {
            let doc = parsed
                .docs
                .iter()
                .flatten()
                .find(|doc| doc.span.start <= d.last.start && d.last.start < doc.span.end);
            let mut f = Finding::new(
                DUPLICATE_KEY,
                Some(d.last),
                format!(
                    "key `{}` is repeated; Kubernetes uses this last value",
                    d.key
                ),
            )
            .help("keep one occurrence of the key")
            .related(d.first, "first occurrence");
            if let Some(doc) = doc {
                f.source = doc.helm_source.clone();
                if let Some(obj) = doc.root.and_then(|r| k8s::Object::new(doc, r)) {
                    f.object = Some(obj.display());
                }
            }
            findings.push(f);
        }
    }
    // Parse errors and limits are not suppressible: their comments may not be where they seem.
    let (fixed, mut rest): (Vec<Finding>, Vec<Finding>) = findings
        .into_iter()
        .partition(|f| f.rule == PARSE_ERROR || f.rule == INPUT_LIMIT);
    suppress::apply(&mut rest, &mut sups, &lines, |_, s| {
        s.scope != Scope::Object
    });
    if !opts.parse_only {
        rest.extend(suppress::problems(&sups, |id| cfg.enabled(id)));
    }
    out.diagnostics = fixed
        .into_iter()
        .chain(rest)
        .filter(|f| cfg.enabled(f.rule) && !cfg.ignored_for_path(display.as_ref(), f.rule))
        .map(|f| resolve(display, text, Some(&lines), f, cfg))
        .collect();
    out
}

fn with_object(mut f: Finding, label: &str, source: Option<&str>) -> Finding {
    if f.object.is_none() {
        f.object = Some(label.to_string());
    }
    if f.source.is_none() {
        f.source = source.map(str::to_string);
    }
    f
}

/// `akslint.io/ignore` on the object's metadata and on its pod template's.
fn annotation_suppressions(obj: &Object<'_, '_>) -> Vec<Suppression> {
    let doc = obj.doc;
    let mut metas = Vec::new();
    if let Some(m) = obj.metadata {
        metas.push(m.value);
    }
    if let Some(p) = obj.pod_spec().and_then(|p| p.pod_metadata) {
        if Some(p) != obj.metadata.map(|m| m.value) {
            metas.push(p);
        }
    }
    let mut out = Vec::new();
    for m in metas {
        let Some(ann) = doc.get(m, "annotations") else {
            continue;
        };
        let Some(e) = doc.entry(ann, "akslint.io/ignore") else {
            continue;
        };
        let list = doc.str(e.value).unwrap_or("");
        let rules: Vec<Named> = list
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| Named {
                text: s.to_string(),
                id: rules::id_of(s),
                used: false,
            })
            .collect();
        out.push(Suppression {
            span: doc.entry_span(e),
            scope: Scope::Object,
            rules,
            reason: doc
                .get(ann, "akslint.io/ignore-reason")
                .and_then(|v| doc.str(v))
                .map(str::to_string),
            is_comment: false,
        });
    }
    out
}

/// Turns a finding into a diagnostic with positions, severity and the rule's name.
fn resolve(
    file: &str,
    text: &str,
    lines: Option<&LineIndex>,
    f: Finding,
    cfg: &Config,
) -> Diagnostic {
    let meta = rules::find(f.rule)
        .expect("findings name registered rules")
        .meta();
    let (name, default_sev) = (meta.name, meta.severity);
    let pos = |s: Option<Span>| -> (Pos, Pos) {
        match (s, lines) {
            (Some(s), Some(l)) => (l.pos(text, s.start as usize), l.pos(text, s.end as usize)),
            _ => (Pos::default(), Pos::default()),
        }
    };
    let (start, end) = pos(f.span);
    let related = f
        .related
        .into_iter()
        .map(|(s, message)| {
            let (start, end) = pos(Some(s));
            Related {
                file: file.to_string(),
                span: Some(s),
                start,
                end,
                message,
            }
        })
        .collect();
    Diagnostic {
        rule: f.rule,
        name,
        severity: cfg.severity(f.rule, default_sev),
        message: f.message,
        file: file.to_string(),
        span: f.span,
        start,
        end,
        object: f.object,
        source: f.source,
        help: f.help,
        related,
    }
}
