//! What a rule reports ([`Finding`]), the same with resolved positions ([`Diagnostic`]), and the
//! result of a run ([`LintResult`]) that the output formats write.

use crate::meta::RuleMeta;
pub use crate::meta::Severity;
use crate::source::{Pos, Span};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A secondary location ("first occurrence here").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Related {
    pub file: String,
    pub span: Option<Span>,
    pub start: Pos,
    pub end: Pos,
    pub message: String,
}

/// One finding, with positions already resolved (the file's text may be gone by output time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Display path (relative to the current directory, or absolute when given so).
    pub file: String,
    /// `None` for findings about the whole file (unreadable, binary, over the size cap).
    pub span: Option<Span>,
    /// 1-based; line 0 / column 0 for file-level findings.
    pub start: Pos,
    pub end: Pos,
    /// `Kind namespace/name`, or `None` when the finding is about the file.
    pub object: Option<String>,
    /// helm's `# Source:` template of the document.
    pub source: Option<String>,
    pub help: Option<String>,
    pub related: Vec<Related>,
    /// Where in the object the finding is, independent of lines: the YAML key path
    /// (`spec.template.spec.containers[web].securityContext.privileged`), the Terraform key at
    /// the span (`sku_tier`); `None` when nothing names the place (a file-level finding).
    pub locator: Option<String>,
    /// The finding's identity across edits (see [`crate::fingerprint`]); empty until the engine
    /// has computed it at the end of the run.
    pub fingerprint: String,
    /// The path the fingerprint names: project-relative, with `/` (or the helm template).
    pub fingerprint_path: String,
    /// The edits that would make it go away, when it has some: `None` from the engine, attached
    /// afterwards from the file's text by [`crate::fix::attach`] (for `--fix`, `--diff` and the
    /// editor); no output format shows it.
    pub fix: Option<crate::fix::Fix>,
}

impl Diagnostic {
    /// The total order of the output: (file, line, column, rule, object, message), then the rest
    /// so that no two distinct diagnostics compare equal.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            &self.file,
            self.start,
            self.rule,
            &self.object,
            &self.message,
            self.end,
            &self.help,
            &self.related,
            &self.locator,
        )
    }
}

/// A finding as a rule reports it, before positions are resolved.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule that reported it (its ID, name and default severity).
    pub rule: &'static RuleMeta,
    /// The rule's default severity, or the variant the rule chose for this finding; a
    /// `[severity]` entry of the config overrides both.
    pub severity: Severity,
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
    pub object: Option<String>,
    pub source: Option<String>,
    /// Related locations in the same file.
    pub related: Vec<(Span, String)>,
    /// The file of the span when it is not the file being linted (Terraform modules span files).
    pub file: Option<Arc<str>>,
    /// The span's positions, when they were resolved before the file's text was dropped (the
    /// findings of cross-file rules).
    pub positions: Option<(Pos, Pos)>,
    /// The key path of the span, when it was resolved while the tree was alive (see
    /// [`Diagnostic::locator`]).
    pub locator: Option<String>,
}

impl Finding {
    pub fn new(rule: &'static RuleMeta, span: Option<Span>, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.severity,
            span,
            message: message.into(),
            help: None,
            object: None,
            source: None,
            related: Vec::new(),
            file: None,
            positions: None,
            locator: None,
        }
    }

    /// The rule's ID.
    pub fn id(&self) -> &'static str {
        self.rule.id
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push((span, message.into()));
        self
    }
}

/// What a run found, sorted, with what it read.
#[derive(Debug, Default)]
pub struct LintResult {
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    pub objects: usize,
    pub bytes: u64,
    /// Texts of files with findings, when the engine was asked to keep them (code frames).
    pub sources: BTreeMap<String, Arc<str>>,
    /// How the run used the cache (all zero without one; boxed: a result is made per file).
    pub cache: Box<CacheStats>,
    /// What the run judged (see [`Judged`]; boxed, as `cache` is).
    pub judged: Box<Judged>,
}

/// What a run judged, for a baseline: an entry it no longer finds is called stale only when its
/// path was judged (a run on some files never calls the others' entries stale).
#[derive(Debug, Default)]
pub struct Judged {
    /// The files whose findings are reported, as shown.
    pub files: Vec<String>,
    /// The helm `# Source:` templates of their documents.
    pub templates: BTreeSet<String>,
    /// The directories named (walked whole: a file gone from them was judged too), as shown.
    pub dirs: Vec<String>,
    /// The files and templates as fingerprints name them (project-relative paths, templates),
    /// filled at the end of the run…
    pub paths: BTreeSet<String>,
    /// …and the directories (`""`: a whole project or everything under the current directory).
    pub dir_paths: Vec<String>,
}

impl Judged {
    /// Whether the run judged `path` (a fingerprint's path): a file or template it reported on,
    /// or any path under a directory it walked.
    pub fn covers(&self, path: &str) -> bool {
        self.paths.contains(path)
            || self.dir_paths.iter().any(|d| {
                d.is_empty()
                    || path
                        .strip_prefix(d.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            })
    }
}

/// How a run used the caches of its projects (`AKSLINT_CACHE_STATS=1` shows it on standard
/// error, for tests and benchmarks).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CacheStats {
    /// YAML/JSON files whose entry was used as it was: trusted by its `stat`…
    pub hits: usize,
    /// …or after checking the file's content against its hash (its `stat` had changed, or was
    /// made too soon after a change to trust).
    pub verified: usize,
    /// Named files whose entry came from a read for context only (facts, no findings): linted.
    pub partial: usize,
    /// Files with no entry usable (none, another content, other settings): linted.
    pub misses: usize,
    /// Project caches in the run, those read, those written.
    pub caches: usize,
    pub read: usize,
    pub written: usize,
    /// Why a cache file found was thrown away, for each that was (`format`, `version`,
    /// `corrupt`).
    pub discarded: Vec<&'static str>,
}

impl std::fmt::Display for CacheStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let discarded = match self.discarded.as_slice() {
            [] => "-".to_string(),
            why => why.join(","),
        };
        write!(
            f,
            "akslint cache: hits={} verified={} partial={} misses={} caches={} read={} written={} discarded={discarded}",
            self.hits,
            self.verified,
            self.partial,
            self.misses,
            self.caches,
            self.read,
            self.written,
        )
    }
}

impl LintResult {
    /// Adds a part of the run (one file, the Terraform modules) to the whole.
    pub fn absorb(&mut self, part: LintResult) {
        self.diagnostics.extend(part.diagnostics);
        self.files += part.files;
        self.objects += part.objects;
        self.bytes += part.bytes;
        self.sources.extend(part.sources);
        self.judged.files.extend(part.judged.files);
        self.judged.templates.extend(part.judged.templates);
    }

    /// How many diagnostics have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}
