//! Linting the open documents of one project together, in one engine run: each text as
//! standard input named after its file, so that the engine takes each file's nearest
//! `akslint.toml` and the rest of the project on disk as context, every open buffer in place of
//! its file (as `akslint check - --stdin-filename` does for one buffer). The cross-file rules
//! see every unsaved buffer at once: a NetworkPolicy being typed covers the Deployment open
//! beside it.

use crate::config::{Config, Overrides};
use crate::configs::Configs;
use crate::diagnostic::Diagnostic;
use crate::discover;
use crate::engine::{self, Context, Input, Options};
use std::collections::BTreeMap;
use std::path::Path;

/// What a document's lint found.
#[derive(Debug, Default)]
pub struct Linted {
    /// The findings in the document itself, sorted, with their fixes.
    pub diagnostics: Vec<Diagnostic>,
    /// The name the findings show for the document (the file's path as text).
    pub name: String,
    /// The config's base URL for rule documents.
    pub docs_url: Option<String>,
}

/// Lints each `(path, text)` (absolute paths, one project's open documents) as its file, with
/// `config` (`--config`) if given, else each file's nearest akslint.toml; one [`Linted`] per
/// document, in order. Nothing for a file the CLI would not lint: one of no kind it knows, an
/// un-rendered Helm template (the CLI reports its chart instead), or one its config excludes.
/// `Err`: a config that does not load.
pub fn lint(docs: &[(&Path, &str)], config: Option<&Path>) -> Result<Vec<Linted>, String> {
    let mut out: Vec<Linted> = docs
        .iter()
        .map(|(path, _)| Linted {
            name: crate::source::path_text(path),
            ..Linted::default()
        })
        .collect();
    let known: Vec<usize> = (0..docs.len())
        .filter(|&i| {
            discover::classify(docs[i].0).is_some() && !discover::chart_template(docs[i].0)
        })
        .collect();
    if known.is_empty() {
        return Ok(out);
    }
    // Loaded for each lint, as the nearest configs are: an edit to it applies at the next one.
    let forced = config
        .map(|c| Config::load_with(Some(c), Path::new(""), &Overrides::default()))
        .transpose()?;
    let configs = match &forced {
        Some(c) => Configs::one(c),
        None => Configs::nearest(Overrides::default())?,
    };
    let linted: Vec<usize> = known
        .into_iter()
        .filter(|&i| !configs.excluded(docs[i].0))
        .collect();
    if linted.is_empty() {
        return Ok(out);
    }
    if let Some(e) = configs.error() {
        return Err(e);
    }
    let opts = Options {
        // A few threads: the open buffers and their project, linted again on every change.
        threads: Some(
            std::thread::available_parallelism()
                .map_or(1, usize::from)
                .min(4),
        ),
        keep_sources: false,
        context: Context::Project,
        // The project's other files come from the cache at its root while they are unchanged
        // (the buffers themselves, as standard input, never do): the same cache pre-commit keeps.
        cache: true,
        ..Options::default()
    };
    let inputs: Vec<Input> = linted
        .iter()
        .map(|&i| Input::Stdin {
            name: out[i].name.clone(),
            bytes: docs[i].1.as_bytes().to_vec(),
        })
        .collect();
    let result = engine::lint_with(&inputs, &configs, &opts)?;
    let mut by_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for d in result.diagnostics {
        by_file.entry(d.file.clone()).or_default().push(d);
    }
    for i in linted {
        let (path, text) = docs[i];
        let doc = &mut out[i];
        doc.diagnostics = by_file.remove(&doc.name).unwrap_or_default();
        // The quick fixes of the code actions, from the text as linted.
        crate::fix::attach(&doc.name, text, &mut doc.diagnostics);
        doc.docs_url = configs.with_config_of(path, |c| c.file.docs_url.clone());
    }
    Ok(out)
}
