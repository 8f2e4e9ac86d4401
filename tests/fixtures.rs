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

/// Expectations of `rule` in a fixture unit: a file, or a directory (a Terraform module, or a
/// case with its own files) and everything under it.
fn expected_in(unit: &Path, rule: &str) -> usize {
    if unit.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(unit)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        return entries.iter().map(|p| expected_in(p, rule)).sum();
    }
    if !common::is_fixture(unit) {
        return 0;
    }
    common::expectations(unit)
        .iter()
        .filter(|(_, r)| r == rule)
        .count()
}

/// Whether a unit holds any fixture file.
fn has_fixture(unit: &Path) -> bool {
    if unit.is_dir() {
        return std::fs::read_dir(unit)
            .unwrap()
            .any(|e| has_fixture(&e.unwrap().path()));
    }
    common::is_fixture(unit)
}

/// Every rule that judges inputs has its own fixture folder, `testdata/k8s/<ID>/` or
/// `testdata/tf/<ID>/`, holding a *bad* unit (a file, or a module directory, where the rule is
/// expected to fire) and a *good* one (linted, and the rule is expected to stay silent); the
/// fixture test above holds both to their expectations. The linter's own rules (AKS001–AKS006)
/// are expected somewhere under `testdata/`.
#[test]
fn every_rule_has_bad_and_good_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut failures = Vec::new();
    for r in akslint::rules::all() {
        let m = r.meta();
        let folder = match m.target {
            "kubernetes" => root.join("k8s").join(m.id),
            "terraform" => root.join("tf").join(m.id),
            "cross-layer" => root.join("cross").join(m.id),
            _ => {
                if expected_in(&root, m.id) == 0 {
                    failures.push(format!("{}: no fixture under testdata/ expects it", m.id));
                }
                continue;
            }
        };
        if !folder.is_dir() {
            failures.push(format!("{}: no fixture folder {}", m.id, folder.display()));
            continue;
        }
        let units: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().is_some_and(|n| n != "akslint.toml") && has_fixture(p))
            .collect();
        let bad = units.iter().any(|u| expected_in(u, m.id) > 0);
        let good = units.iter().any(|u| expected_in(u, m.id) == 0);
        if !bad {
            failures.push(format!("{}: no bad fixture in {}", m.id, folder.display()));
        }
        if !good {
            failures.push(format!("{}: no good fixture in {}", m.id, folder.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Findings on azapi resources speak ARM: no azurerm attribute or block name the azapi view
/// answers appears in backticks in their message or help (`rules::azurerm::arm`).
#[test]
fn azapi_findings_speak_arm() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/tf/azapi");
    let mut cases = BTreeMap::new();
    collect_cases(&root, &mut cases, None);
    let names = akslint::terraform::azapi::fields::azurerm_names();
    let mut seen = 0;
    for (case, files) in &cases {
        for d in common::lint(files, case) {
            if !d.object.as_deref().is_some_and(|o| o.contains("azapi_")) {
                continue;
            }
            seen += 1;
            for text in [Some(&d.message), d.help.as_ref()].into_iter().flatten() {
                for quoted in text.split('`').skip(1).step_by(2) {
                    let words: Vec<&str> = quoted
                        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .collect();
                    for n in &names {
                        assert!(
                            !words.contains(n),
                            "{} {}:{}: `{quoted}` names azurerm's `{n}`: {text}",
                            d.rule,
                            d.file,
                            d.start.line
                        );
                    }
                }
            }
        }
    }
    assert!(seen > 30, "{seen} azapi findings");
}
