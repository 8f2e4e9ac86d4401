//! `rules/` is the single source of truth: every doc has a rule and every rule a doc; each doc's
//! bad example makes its rule fire and its good example does not.

mod common;

use akslint::rules::{self, RuleMeta};
use std::collections::BTreeSet;
use std::path::Path;

fn doc_ids() -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_prefix("AKS")
                .and_then(|n| n.strip_suffix(".md"))
                .map(|n| format!("AKS{n}"))
        })
        .collect()
}

#[test]
fn registry_matches_rules_dir() {
    let code: BTreeSet<String> = rules::all()
        .iter()
        .map(|r| r.meta().id.to_string())
        .collect();
    assert_eq!(
        doc_ids(),
        code,
        "every rules/AKSnnn.md needs a registered rule, and every rule a doc"
    );
    let mut names = BTreeSet::new();
    for r in rules::all() {
        let m = r.meta();
        assert!(names.insert(m.name), "duplicate rule name {}", m.name);
        assert!(
            m.fix().ends_with('.'),
            "{}: `## Fix` should end with a full stop",
            m.id
        );
        assert!(
            !m.examples("Bad example").is_empty(),
            "{}: no bad example",
            m.id
        );
        assert!(
            !m.examples("Good example").is_empty(),
            "{}: no good example",
            m.id
        );
    }
}

fn run_examples(meta: &RuleMeta, section: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    for (i, ex) in meta.examples(section).iter().enumerate() {
        let name = ex.file.clone().unwrap_or_else(|| {
            format!(
                "example{i}.{}",
                if ex.lang.is_empty() { "yaml" } else { &ex.lang }
            )
        });
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &ex.code).unwrap();
    }
    common::lint(&[dir.path().to_path_buf()], dir.path())
        .into_iter()
        .map(|d| d.rule.to_string())
        .collect()
}

#[test]
fn doc_examples_behave() {
    let mut failures = Vec::new();
    for r in rules::all() {
        let m = r.meta();
        if !run_examples(m, "Bad example").iter().any(|id| id == m.id) {
            failures.push(format!("{}: the bad example does not fire", m.id));
        }
        if run_examples(m, "Good example").iter().any(|id| id == m.id) {
            failures.push(format!("{}: the good example fires", m.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
