#!/usr/bin/env bash
# Keeps the scaffolder from rotting: runs scripts/new-rule.sh in a scratch copy of the working
# tree, once per target (a workload rule, a cluster rule, a cross-file rule), and requires the copy
# to pass fmt, clippy with the rules registered, their docs parsed and their interest matching the
# docs' target (the registry tests), and a bad and a good fixture for each. The scaffolded checks are TODOs, so
# their doc-example and fixture tests would fail by design and are not run here.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

git ls-files -z --cached --others --exclude-standard |
  tar --null --files-from=- -cf - | tar -xf - -C "$scratch"

free_id() {
  local n
  for n in $(seq "$1" "$2"); do
    [[ -e rules/AKS$n.md ]] || {
      echo "AKS$n"
      return
    }
  done
  echo "check-new-rule: no free ID in AKS$1..AKS$2" >&2
  exit 1
}
k8s_id=$(free_id 401 499)
tf_id=$(free_id 201 299)
index_id=$(free_id 310 399)

cd "$scratch"
scripts/new-rule.sh "$k8s_id" scaffolded-workload-check workloads k8s
scripts/new-rule.sh "$tf_id" scaffolded-cluster-check hardening tf
scripts/new-rule.sh "$index_id" scaffolded-index-check network index

# Dependencies build once into their own target directory (the scratch crate must not replace
# the binaries of the real one).
export CARGO_TARGET_DIR=${AKSLINT_SCAFFOLD_TARGET:-$root/target/scaffold}
cargo fmt --all -- --check
cargo clippy --quiet --all-targets -- -D warnings
cargo test --quiet --lib rules::tests
cargo test --quiet --test rules_docs registry_matches_rules_dir
cargo test --quiet --test fixtures every_rule_has_bad_and_good_fixtures
echo "check-new-rule: $k8s_id (k8s), $tf_id (tf) and $index_id (index) scaffolded, built and registered"
