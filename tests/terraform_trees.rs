//! The Terraform front end keeps syntax trees only within a budget and parses modules again
//! when it let them go (issue 9, "Memory"): whatever the budget, the report is the same — with
//! none, every module is parsed again for each root and each pass; with the default, the
//! fixtures are parsed once.

mod common;

use akslint::config::Config;
use akslint::diagnostic::LintResult;
use akslint::engine::{self, Input, Options};
use std::path::{Path, PathBuf};

fn lint(paths: &[PathBuf], config_dir: &Path, trees: Option<usize>, threads: usize) -> LintResult {
    let cfg = Config::default_at(config_dir);
    let inputs: Vec<Input> = paths.iter().cloned().map(Input::Path).collect();
    let opts = Options {
        threads: Some(threads),
        keep_sources: true,
        terraform_trees: trees,
        ..Options::default()
    };
    engine::lint(&inputs, &cfg, &opts).expect("lint")
}

/// The same report as with the default budget on one thread, with each (budget of trees,
/// threads).
fn same_whatever_the_budget(paths: &[PathBuf], config_dir: &Path, runs: &[(Option<usize>, usize)]) {
    let want = lint(paths, config_dir, None, 1);
    assert!(want.objects > 0, "{paths:?}: no resource was checked");
    for &(trees, threads) in runs {
        let got = lint(paths, config_dir, trees, threads);
        assert_eq!(
            got.diagnostics, want.diagnostics,
            "{trees:?}, {threads} threads"
        );
        assert_eq!(
            (got.files, got.objects, got.bytes),
            (want.files, want.objects, want.bytes)
        );
        assert_eq!(got.sources, want.sources);
    }
}

#[test]
fn fixtures_lint_alike_whatever_the_budget_of_trees() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let paths: Vec<PathBuf> = ["testdata/tf", "testdata/terraform", "testdata/cross"]
        .iter()
        .map(|p| root.join(p))
        .collect();
    let runs = [(Some(0), 1), (Some(0), 2), (Some(4096), 2), (None, 2)];
    same_whatever_the_budget(&paths, root, &runs);
}

#[test]
fn corpus_lints_alike_whatever_the_budget_of_trees() {
    let Some(shared) = common::shared_dir("terraform_trees") else {
        return;
    };
    let corpus = shared.join("corpus");
    let runs = [(Some(0), 2), (Some(64 << 10), 2)];
    same_whatever_the_budget(&[corpus.join("terraform")], &corpus, &runs);
}
