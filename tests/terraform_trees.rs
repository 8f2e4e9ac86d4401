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

/// The rules that read the facts of the whole configuration (AKS701–AKS703) see those of roots
/// checked after the cluster's: each root is checked as it is indexed, and their verdicts wait
/// for the whole index.
#[test]
fn verdicts_on_the_whole_configuration_see_every_root() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "a/main.tf",
        "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  name = \"x\"\n}\n",
    );
    let plan = |tier: &str| {
        format!(
            "resource \"azurerm_security_center_subscription_pricing\" \"containers\" {{\n  tier          = \"{tier}\"\n  resource_type = \"Containers\"\n}}\n"
        )
    };
    let setting = "resource \"azurerm_monitor_diagnostic_setting\" \"any\" {\n  name               = \"d\"\n  target_resource_id = var.id\n  enabled_log {\n    category = var.category\n  }\n}\nvariable \"id\" {}\nvariable \"category\" {}\n";
    let rules = |trees: Option<usize>| -> Vec<(String, String)> {
        let got = lint(&[dir.path().to_path_buf()], dir.path(), trees, 2);
        got.diagnostics
            .iter()
            .filter(|d| ["AKS701", "AKS702", "AKS703"].contains(&d.rule))
            .map(|d| (d.rule.to_string(), d.message.clone()))
            .collect()
    };
    for trees in [Some(0), None] {
        write("z/main.tf", &plan("Free"));
        let got = rules(trees);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "AKS701");
        assert_eq!(got[1].0, "AKS703");
        assert!(got[1].1.contains("pricing.containers sets"), "{got:?}");
        write("z/main.tf", &(plan("Standard") + setting));
        assert_eq!(rules(trees), [], "z's plan and setting silence both");
    }
}
