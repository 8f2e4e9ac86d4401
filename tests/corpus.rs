//! The real-world corpus (`../shared/corpus`, files no one here wrote): linting all of it never
//! panics, and AKS001 appears only on the files listed here, each with the reason it is invalid.

mod common;

use akslint::config::Config;
use akslint::engine::{self, Input, Options};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// (path under corpus/, why it is not a valid manifest).
const INVALID: &[(&str, &str)] = &[
    (
        "k8s/Azure__application-gateway-kubernetes-ingress/docs/examples/guestbook/ing-guestbook-other.yaml",
        "invalid YAML as committed upstream: a mapping value where none is allowed",
    ),
    (
        "k8s/microservices-demo__microservices-demo/deploy/kubernetes/manifests-monitoring/23-grafana-import-dash-batch.yaml",
        "valid YAML 1.1, invalid YAML 1.2: a quoted scalar's continuation line is less indented than its key",
    ),
    (
        "k8s/kubernetes__examples/_archived/newrelic-infrastructure/newrelic-config-template.yaml",
        "`{{placeholder}}` template: a mapping key that is not a scalar",
    ),
    (
        "k8s/kubernetes__examples/_archived/newrelic/newrelic-config-template.yaml",
        "`{{placeholder}}` template: a mapping key that is not a scalar",
    ),
    (
        "k8s/kubernetes__examples/_archived/storage/vitess/etcd-controller-template.yaml",
        "`{{placeholder}}` template: a mapping key that is not a scalar",
    ),
    (
        "k8s/kubernetes__examples/_archived/storage/vitess/etcd-service-template.yaml",
        "`{{placeholder}}` template: a mapping key that is not a scalar",
    ),
    (
        "k8s/kubernetes__examples/_archived/storage/vitess/vtgate-controller-template.yaml",
        "`{{placeholder}}` template: a mapping key that is not a scalar",
    ),
];

#[test]
fn corpus_lints_without_panic_and_parse_errors_are_the_known_ones() {
    let Some(shared) = common::shared_dir("corpus") else {
        return;
    };
    let corpus = shared.join("corpus");
    let paths = vec![corpus.join("k8s"), corpus.join("helm-rendered")];
    let diags = common::lint(&paths, &corpus);
    let prefix = format!("{}/", corpus.display());
    let got: BTreeSet<String> = diags
        .iter()
        .filter(|d| d.rule == "AKS001")
        .map(|d| d.file.strip_prefix(&prefix).unwrap_or(&d.file).to_string())
        .collect();
    let want: BTreeSet<String> = INVALID.iter().map(|(p, _)| p.to_string()).collect();
    assert_eq!(got, want);
    assert!(
        diags.len() > 100,
        "the corpus produced only {} findings",
        diags.len()
    );
}

/// The committed, reviewed summary of what akslint finds in the corpus: per rule, and per source
/// project. `AKSLINT_BLESS=1 cargo test --test corpus` regenerates `docs/corpus-summary.md`; a
/// change in it is a change in behaviour on real files and deserves a look in review.
#[test]
fn corpus_summary_is_current() {
    let Some(shared) = common::shared_dir("corpus summary") else {
        return;
    };
    let corpus = shared.join("corpus");
    let cfg = Config::default_at(&corpus);
    let mut per_rule: BTreeMap<&'static str, (usize, BTreeSet<String>)> = BTreeMap::new();
    let mut rows = Vec::new();
    for category in ["k8s", "helm-rendered", "terraform"] {
        let mut projects: Vec<_> = std::fs::read_dir(corpus.join(category))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        projects.sort();
        for dir in projects {
            let name = format!("{category}/{}", dir.file_name().unwrap().to_string_lossy());
            let report =
                engine::lint(&[Input::Path(dir.clone())], &cfg, &Options::default()).unwrap();
            let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
            for d in &report.diagnostics {
                *counts.entry(d.rule).or_default() += 1;
                let e = per_rule.entry(d.rule).or_default();
                e.0 += 1;
                e.1.insert(name.clone());
            }
            let list: Vec<String> = counts.iter().map(|(r, n)| format!("{r}×{n}")).collect();
            rows.push(format!(
                "| {name} | {} | {} | {} | {} |",
                report.files,
                report.objects,
                report.diagnostics.len(),
                list.join(" ")
            ));
        }
    }
    // The cross-layer rules need both halves of a source repository: its manifests and its
    // Terraform, linted together (only their findings are counted here: the rest is above).
    let both: Vec<String> = std::fs::read_dir(corpus.join("terraform"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| corpus.join("k8s").join(n).is_dir())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for n in &both {
        let inputs = [
            Input::Path(corpus.join("k8s").join(n)),
            Input::Path(corpus.join("terraform").join(n)),
        ];
        let report = engine::lint(&inputs, &cfg, &Options::default()).unwrap();
        let name = format!("k8s+terraform/{n}");
        let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
        for d in &report.diagnostics {
            let cross =
                akslint::rules::find(d.rule).is_some_and(|r| r.meta().target == "cross-layer");
            if cross {
                *counts.entry(d.rule).or_default() += 1;
                let e = per_rule.entry(d.rule).or_default();
                e.0 += 1;
                e.1.insert(name.clone());
            }
        }
        let list: Vec<String> = counts.iter().map(|(r, n)| format!("{r}×{n}")).collect();
        rows.push(format!(
            "| {name} | {} | {} | {} (cross-layer) | {} |",
            report.files,
            report.objects,
            counts.values().sum::<usize>(),
            list.join(" ")
        ));
    }
    let mut out = String::from(
        "# What akslint finds in the real-world corpus\n\nGenerated by `tests/corpus.rs` (`AKSLINT_BLESS=1 cargo test --test corpus`) over\n`../shared/corpus/k8s`, `helm-rendered` and `terraform` (files no one here wrote; see their\n`SOURCES.md`), with the default configuration; each source project is linted on its own, and a\nrepository present in both `k8s` and `terraform` once more with both halves together for the\ncross-layer rules. Reviewed by hand: see the notes at the end.\n\n## Per rule\n\n| rule | name | findings | projects |\n|---|---|---|---|\n",
    );
    for r in akslint::rules::all() {
        let m = r.meta();
        let (n, projects) = per_rule.get(m.id).cloned().unwrap_or_default();
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            m.id,
            m.name,
            n,
            projects.len()
        ));
    }
    out.push_str("\n## Per source project\n\n| project | files | objects | findings | by rule |\n|---|---|---|---|---|\n");
    for row in rows {
        out.push_str(&row);
        out.push('\n');
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/corpus-summary.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    // Hand-written review notes follow the generated part.
    let notes = committed
        .find("\n## Review notes")
        .map_or("", |i| &committed[i..]);
    let fresh = format!("{out}{notes}");
    if std::env::var_os("AKSLINT_BLESS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    assert!(
        committed == fresh,
        "docs/corpus-summary.md is stale: run `AKSLINT_BLESS=1 cargo test --test corpus` and review the diff"
    );
}

/// Every `.tf`/`.tfvars` of the Terraform corpus is valid HCL: not one AKS001 or AKS002.
#[test]
fn terraform_corpus_parses() {
    let Some(shared) = common::shared_dir("terraform corpus") else {
        return;
    };
    let corpus = shared.join("corpus");
    let diags = common::lint(&[corpus.join("terraform")], &corpus);
    let broken: Vec<String> = diags
        .iter()
        .filter(|d| d.rule == "AKS001" || d.rule == "AKS002")
        .map(|d| format!("{}:{} {} {}", d.file, d.start.line, d.rule, d.message))
        .collect();
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
