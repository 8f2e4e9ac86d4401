//! Shared test helpers: lint a set of paths through the library, read `# expect:` annotations.

#![allow(dead_code)]

use akslint::config::Config;
use akslint::diagnostic::Diagnostic;
use akslint::engine::{self, Input, Options};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Lints paths with the config of `config_dir/akslint.toml` (or the default one).
pub fn lint(paths: &[PathBuf], config_dir: &Path) -> Vec<Diagnostic> {
    let cfg_path = config_dir.join("akslint.toml");
    let cfg = if cfg_path.is_file() {
        Config::load(&cfg_path).unwrap_or_else(|e| panic!("{e}"))
    } else {
        Config::default_at(config_dir)
    };
    let inputs: Vec<Input> = paths.iter().cloned().map(Input::Path).collect();
    engine::lint(&inputs, &cfg, &Options::default())
        .expect("lint")
        .diagnostics
}

/// Expected findings of a fixture file: (1-based line, rule), line 0 for the whole file.
pub fn expectations(path: &Path) -> Vec<(u32, String)> {
    let sidecar = PathBuf::from(format!("{}.expect", path.display()));
    let mut out = Vec::new();
    if sidecar.is_file() {
        for l in std::fs::read_to_string(&sidecar).unwrap().lines() {
            let l = l.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let (line, rule) = l
                .split_once(' ')
                .unwrap_or_else(|| panic!("{}: bad line `{l}`", sidecar.display()));
            out.push((line.parse().unwrap(), rule.trim().to_string()));
        }
        return out;
    }
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    for (i, line) in text.lines().enumerate() {
        for (marker, offset) in [("# expect-next-line:", 2), ("# expect:", 1)] {
            if let Some(at) = line.find(marker) {
                for r in line[at + marker.len()..].split(',') {
                    let r = r.split_whitespace().next().unwrap_or("");
                    if !r.is_empty() {
                        out.push(((i + offset) as u32, r.to_string()));
                    }
                }
                break;
            }
        }
    }
    out
}

pub fn is_fixture(p: &Path) -> bool {
    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
    matches!(ext, "yaml" | "yml" | "json" | "tf" | "tfvars")
        || PathBuf::from(format!("{}.expect", p.display())).is_file()
}

/// `../shared` (or `AKSLINT_SHARED`) when present; with `AKSLINT_REQUIRE_SHARED=1` its absence
/// fails the test, otherwise the test is skipped with a notice.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("AKSLINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("corpus").is_dir() {
        return Some(dir);
    }
    if std::env::var("AKSLINT_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!(
            "{test}: {} is missing and AKSLINT_REQUIRE_SHARED=1",
            dir.display()
        );
    }
    eprintln!(
        "note: {test} skipped: {} not found (set AKSLINT_SHARED)",
        dir.display()
    );
    None
}

/// Runs the akslint binary in `cwd` (colour off), with `stdin` on its standard input.
pub fn akslint(args: &[&str], cwd: &Path, stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_akslint"));
    cmd.args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = cmd.spawn().unwrap();
    if let Some(s) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}
