//! The fixture harness: every case under `testdata/` is linted and its findings must equal its
//! `# expect:` annotations — missing and unexpected findings both fail.
//!
//! A case is a directory holding an `akslint.toml` (linted with it, subdirectories included
//! unless they are cases of their own), or any other directory holding fixture files (linted
//! with the default configuration).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn collect_cases(dir: &Path, cases: &mut BTreeMap<PathBuf, Vec<PathBuf>>, current: Option<&Path>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let own = dir.join("akslint.toml").is_file();
    let case = if own {
        dir.to_path_buf()
    } else {
        current.map_or_else(|| dir.to_path_buf(), Path::to_path_buf)
    };
    for p in entries {
        if p.is_dir() {
            let nested = if own || current.is_some() {
                Some(case.as_path())
            } else {
                None
            };
            collect_cases(&p, cases, nested);
        } else if common::is_fixture(&p) {
            cases.entry(case.clone()).or_default().push(p);
        }
    }
}

#[test]
fn fixtures_match_their_expectations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut cases = BTreeMap::new();
    collect_cases(&root, &mut cases, None);
    assert!(
        !cases.is_empty(),
        "no fixtures found under {}",
        root.display()
    );
    let mut failures = Vec::new();
    let mut checked = 0;
    for (case, files) in &cases {
        let diags = common::lint(files, case);
        let mut got: Vec<(String, u32, String)> = diags
            .iter()
            .map(|d| (d.file.clone(), d.start.line, d.rule.to_string()))
            .collect();
        let mut want: Vec<(String, u32, String)> = Vec::new();
        for f in files {
            for (line, rule) in common::expectations(f) {
                want.push((f.display().to_string(), line, rule));
            }
        }
        got.sort();
        want.sort();
        checked += want.len();
        if got != want {
            let mut msg = format!(
                "case {}:",
                case.strip_prefix(&root).unwrap_or(case).display()
            );
            for w in &want {
                if !got.contains(w) {
                    msg.push_str(&format!("\n  missing    {}:{} {}", w.0, w.1, w.2));
                }
            }
            for g in &got {
                if !want.contains(g) {
                    let d = diags
                        .iter()
                        .find(|d| d.file == g.0 && d.start.line == g.1 && d.rule == g.2)
                        .unwrap();
                    msg.push_str(&format!(
                        "\n  unexpected {}:{} {} {}",
                        g.0, g.1, g.2, d.message
                    ));
                }
            }
            if want.len() != got.len() && !msg.contains('\n') {
                msg.push_str(&format!("\n  counts differ: want {want:?}\n  got {got:?}"));
            }
            failures.push(msg);
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 0);
}
