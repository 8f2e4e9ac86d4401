//! `akslint lsp`: a language server over standard input and output, for editors. Each open
//! YAML/JSON/Terraform document is linted when it is opened and each time it changes, as the
//! editor has it (unsaved text included), with the file's config and the rest of its project
//! on disk as context (its files walked once, and again when files change on disk), the
//! project's other open documents in place of their files. Its
//! findings are pushed (`textDocument/publishDiagnostics`), or pulled by a client that offers
//! `textDocument/diagnostic` (VS Code); quick fixes and hovers come from the same lint.
//!
//! | part | module |
//! |---|---|
//! | the loop: initialize, notifications, requests, shutdown | [`server`] |
//! | the open documents | [`documents`] |
//! | linting a project's open documents | [`lint`] |
//! | linting off the main loop, from a snapshot | [`pool`] |
//! | positions, diagnostics and URIs in LSP's types | [`convert`] |

mod convert;
mod documents;
mod lint;
mod pool;
mod server;

pub use server::{Ended, serve};
use std::path::PathBuf;

/// Serves the client on standard input and output until it exits. `Ok(true)`: it shut the
/// server down first, as it should (exit code 0); `Ok(false)`: it exited or went away without
/// (exit code 1, as the protocol says).
///
/// `config` (`--config`): one akslint.toml for every file instead of each file's nearest; a
/// relative path is from the current directory.
pub fn run(config: Option<PathBuf>) -> Result<bool, String> {
    let config = config.map(|c| std::path::absolute(&c).unwrap_or(c));
    let (conn, io) = lsp_server::Connection::stdio();
    // On an error the reader may still be waiting on standard input: the process ends without
    // joining it.
    let ended = serve(&conn, config).map_err(|e| format!("lsp: {e}"))?;
    // The writer thread ends when the connection's sender is dropped.
    drop(conn);
    io.join().map_err(|e| format!("lsp: {e}"))?;
    Ok(ended == Ended::Shutdown)
}
