//! The real-world corpus (`../shared/corpus`, files no one here wrote): linting all of it never
//! panics, and AKS001 appears only on the files listed here, each with the reason it is invalid.

mod common;

use std::collections::BTreeSet;

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
