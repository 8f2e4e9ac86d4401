#!/usr/bin/env bash
# Tests the GitHub Action's script (scripts/action/run.sh) against a fake release: an archive of
# the locally built akslint and its checksums.txt, served from a file:// URL, with GitHub's
# environment files in a temporary directory. Checks: install verifies the checksum and puts
# akslint on PATH (and refuses a tampered archive); check writes the annotations, the SARIF file,
# a step summary, and the exit code as an output instead of failing the step.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bin="${CARGO_TARGET_DIR:-$root/target}/release/akslint"
[[ $bin == /* ]] || bin="$root/$bin"
[[ -x $bin ]] || { echo "check-action: $bin missing; cargo build --release" >&2; exit 2; }
"$root/.tools/venv/bin/python" -c 'import sys, yaml; a = yaml.safe_load(open(sys.argv[1])); assert a["runs"]["using"] == "composite", a' action.yml

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) target=x86_64-unknown-linux-gnu ;;
  Linux/aarch64) target=aarch64-unknown-linux-gnu ;;
  *) echo "check-action: this check runs on Linux" >&2; exit 2 ;;
esac
release="$tmp/releases/v$version"
mkdir -p "$release" "$tmp/pack"
cp "$bin" "$tmp/pack/akslint"
archive="akslint-v$version-$target.tar.gz"
tar -czf "$release/$archive" -C "$tmp/pack" akslint
(cd "$release" && sha256sum "$archive" >checksums.txt)

fail() { echo "check-action: $*" >&2; exit 1; }
env_for() { # a fresh runner environment in $tmp/$1
  mkdir -p "$tmp/$1/runner"
  export RUNNER_TEMP="$tmp/$1/runner" GITHUB_PATH="$tmp/$1/path" GITHUB_OUTPUT="$tmp/$1/output" \
    GITHUB_STEP_SUMMARY="$tmp/$1/summary.md" AKSLINT_RELEASE_URL="file://$tmp/releases" \
    AKSLINT_VERSION="v$version"
  : >"$GITHUB_PATH"
  : >"$GITHUB_OUTPUT"
  : >"$GITHUB_STEP_SUMMARY"
}

# 1. Install, then check the golden case: findings at warning → exit-code=1, step not failed.
env_for ok
scripts/action/run.sh install >/dev/null
installed=$(cat "$GITHUB_PATH")
[[ -x $installed/akslint ]] || fail "install did not put akslint on PATH"
export AKSLINT_PATHS=testdata/cases/golden AKSLINT_ARGS="--config testdata/cases/golden/akslint.toml"
export AKSLINT_FAIL_ON=warning AKSLINT_SARIF="$tmp/ok/out.sarif"
PATH="$installed:$PATH" scripts/action/run.sh check >"$tmp/ok/log" || fail "check failed the step"
grep -q '^exit-code=1$' "$GITHUB_OUTPUT" || fail "exit-code is not 1: $(cat "$GITHUB_OUTPUT")"
grep -q "^sarif=$AKSLINT_SARIF$" "$GITHUB_OUTPUT" || fail "no sarif output"
grep -q '^::error file=testdata/cases/golden/rendered.yaml,line=15' "$tmp/ok/log" || fail "no annotation"
"$root/.tools/venv/bin/python" -c 'import json, sys; s = json.load(open(sys.argv[1])); assert s["runs"][0]["results"], s' "$AKSLINT_SARIF"
grep -q '^2 errors, 1 warning, 0 notes in 2 files' "$GITHUB_STEP_SUMMARY" || fail "summary: $(cat "$GITHUB_STEP_SUMMARY")"
grep -q '| 1 | `AKS401` | privileged-container |' "$GITHUB_STEP_SUMMARY" || fail "no per-rule table"

# 2. More than 10 annotations of a kind: the summary says how many GitHub leaves out.
export AKSLINT_PATHS=testdata/k8s/AKS401 AKSLINT_ARGS="--select AKS401" AKSLINT_FAIL_ON=never
PATH="$installed:$PATH" scripts/action/run.sh check >/dev/null
n=$("$bin" check --select AKS401 --format compact testdata/k8s/AKS401 | grep -c ' error AKS401 ' || true)
((n > 10)) || fail "the AKS401 fixtures should hold more than 10 errors ($n)"
grep -q "GitHub shows 10 error annotations per step: $((n - 10)) more" "$GITHUB_STEP_SUMMARY" ||
  fail "no note of the annotations left out: $(cat "$GITHUB_STEP_SUMMARY")"
grep -q '^exit-code=0$' "$GITHUB_OUTPUT" || fail "fail-on never should give exit-code 0"

# 3. A usage error fails the step at once.
export AKSLINT_ARGS="--select AKS999"
if PATH="$installed:$PATH" scripts/action/run.sh check >/dev/null 2>&1; then
  fail "a usage error did not fail the step"
fi

# 4. A tampered archive is refused.
env_for tampered
printf 'x' >>"$release/$archive"
if scripts/action/run.sh install >"$tmp/tampered/log" 2>&1; then
  fail "install accepted an archive whose checksum does not match"
fi
grep -q 'SHA-256' "$tmp/tampered/log" || fail "no checksum error: $(cat "$tmp/tampered/log")"
[[ ! -s $GITHUB_PATH ]] || fail "a refused install changed PATH"
echo "check-action: install (checksum checked, tampering refused), check (annotations, SARIF, summary, exit code as output) ok"
