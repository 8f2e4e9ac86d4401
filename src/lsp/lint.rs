//! Linting one open document: its text as standard input named after its file, so that the
//! engine takes the file's nearest `akslint.toml` and the rest of its project on disk as
//! context (the buffer replaces the file of that name), as `akslint check - --stdin-filename`
//! does for an editor's buffer.

use crate::config::{Config, Overrides};
use crate::configs::Configs;
use crate::diagnostic::Diagnostic;
use crate::discover;
use crate::engine::{self, Context, Input, Options};
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

/// Lints `text` as the file `path` (absolute), with `config` (`--config`) if given, else the
/// file's nearest akslint.toml. Nothing for a file the CLI would not lint: one of no kind it
/// knows, or one its config excludes. `Err`: a config that does not load.
pub fn lint(path: &Path, text: &str, config: Option<&Path>) -> Result<Linted, String> {
    let name = crate::source::path_text(path);
    let nothing = |name| {
        Ok(Linted {
            name,
            ..Linted::default()
        })
    };
    if discover::classify(path).is_none() {
        return nothing(name);
    }
    // Loaded for each lint, as the nearest configs are: an edit to it applies at the next one.
    let forced = config
        .map(|c| Config::load_with(Some(c), Path::new(""), &Overrides::default()))
        .transpose()?;
    let configs = match &forced {
        Some(c) => Configs::one(c),
        None => Configs::nearest(Overrides::default())?,
    };
    if configs.excluded(path) {
        return nothing(name);
    }
    if let Some(e) = configs.error() {
        return Err(e);
    }
    let opts = Options {
        // A few threads: one buffer and its project, linted again on every change.
        threads: Some(
            std::thread::available_parallelism()
                .map_or(1, usize::from)
                .min(4),
        ),
        keep_sources: false,
        context: Context::Project,
        // The project's other files come from the cache at its root while they are unchanged
        // (the buffer itself, as standard input, never does): the same cache pre-commit keeps.
        cache: true,
        ..Options::default()
    };
    let inputs = [Input::Stdin {
        name: name.clone(),
        bytes: text.as_bytes().to_vec(),
    }];
    let mut result = engine::lint_with(&inputs, &configs, &opts)?;
    let docs_url = configs.with_config_of(path, |c| c.file.docs_url.clone());
    result.diagnostics.retain(|d| d.file == name);
    // The quick fixes of the code actions, from the text as linted.
    crate::fix::attach(&name, text, &mut result.diagnostics);
    Ok(Linted {
        diagnostics: result.diagnostics,
        name,
        docs_url,
    })
}
