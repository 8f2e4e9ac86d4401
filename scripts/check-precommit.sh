#!/usr/bin/env bash
# Run this repository's pre-commit hooks (.pre-commit-hooks.yaml) through the real pre-commit tool,
# the way a user's project would, and check the verdicts:
#   bad.yaml  (a privileged container) -> the hook fails and its output names AKS401 and bad.yaml
#   good.yaml (the same, not privileged) -> the hook passes (and was not skipped)
# The fixtures (scripts/testdata/precommit/, with an akslint.toml selecting only AKS401) are copied
# into a scratch git repository, since pre-commit only runs inside one.
#
# usage: scripts/check-precommit.sh [HOOK...]       (default: akslint akslint-system)
#   akslint         `pre-commit try-repo <this repo> akslint`: pre-commit clones this repository at
#                   HEAD (plus uncommitted changes) and builds it with `cargo install` (language: rust).
#   akslint-system  the same with the language: system hook, running the akslint found on PATH:
#                   $AKSLINT_BIN if set, else target/release/akslint (built here if needed).
# Environment:
#   PRE_COMMIT_HOME  default .tools/pre-commit (logs; try-repo itself uses a throw-away store)
#   AKSLINT_PRECOMMIT_TARGET  cargo target dir for the hook's `cargo install`, kept between runs so a
#                   second build only recompiles akslint itself; default .tools/pre-commit-target
#   CARGO_NET_OFFLINE is passed through untouched: `cargo install` ignores Cargo.lock and resolves
#                   against crates.io, so offline it works only when every crate is already cached.
# Needs scripts/install-tools.sh first (pre-commit in .tools/venv). Exit 0 when every check holds.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pc="$root/.tools/venv/bin/pre-commit"
fixtures="$root/scripts/testdata/precommit"
rule=AKS401
export PRE_COMMIT_HOME=${PRE_COMMIT_HOME:-$root/.tools/pre-commit}
export PRE_COMMIT_COLOR=never
target_dir=${AKSLINT_PRECOMMIT_TARGET:-$root/.tools/pre-commit-target}

hooks=("$@")
((${#hooks[@]})) || hooks=(akslint akslint-system)
for h in "${hooks[@]}"; do
  case "$h" in akslint|akslint-system) ;; *) echo "check-precommit: unknown hook $h" >&2; exit 2 ;; esac
done
[[ -x $pc ]] || { echo "check-precommit: $pc missing; run scripts/install-tools.sh" >&2; exit 2; }
git -C "$root" rev-parse --verify -q HEAD >/dev/null ||
  { echo "check-precommit: $root is not a git repository with a commit" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/akslint-precommit.XXXXXX")
trap 'rm -rf "$work"' EXIT
proj="$work/project"
mkdir -p "$proj"
cp "$fixtures"/akslint.toml "$fixtures"/bad.yaml "$fixtures"/good.yaml "$proj/"
git -C "$proj" -c init.defaultBranch=main init -q
git -C "$proj" add -A

echo "pre-commit $("$pc" --version | awk '{print $2}'), PRE_COMMIT_HOME=$PRE_COMMIT_HOME," \
  "CARGO_NET_OFFLINE=${CARGO_NET_OFFLINE:-<unset>}"
echo "hook repo: $root @ $(git -C "$root" rev-parse --short HEAD)$(
  git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' + uncommitted changes')"

failures=0
# run_hook HOOK FILE -> sets rc, fills $work/out
run_hook() {
  local hook=$1 file=$2
  rc=0
  if [[ $hook == akslint ]]; then
    (cd "$proj" && CARGO_TARGET_DIR="$target_dir" \
      "$pc" try-repo "$root" akslint --verbose --files "$file") >"$work/out" 2>&1 </dev/null || rc=$?
  else
    (cd "$proj" && PATH="$work/bin:$PATH" \
      "$pc" try-repo "$root" akslint-system --verbose --files "$file") >"$work/out" 2>&1 </dev/null || rc=$?
  fi
}

report() { # report VERDICT HOOK FILE SECONDS [REASON]
  if [[ $1 == ok ]]; then
    printf 'ok   %-15s %-9s %s (%d s)\n' "$2" "$3" "$5" "$4"
  else
    printf 'FAIL %-15s %-9s %s (%d s)\n' "$2" "$3" "$5" "$4"
    echo "---- pre-commit output ----"
    sed 's/^/  | /' "$work/out" | tail -n 80
    echo "---------------------------"
    failures=$((failures + 1))
  fi
}

# What the hook printed, without pre-commit's own lines (its config dump names the repo path,
# which may contain anything).
hook_output() { sed -n '/^akslint.*\.\.\.\.\./,$p' "$work/out"; }

for hook in "${hooks[@]}"; do
  if [[ $hook == akslint-system ]]; then
    mkdir -p "$work/bin"
    if [[ -n ${AKSLINT_BIN:-} ]]; then
      bin=$AKSLINT_BIN
    else
      echo "building target/release/akslint for akslint-system"
      (cd "$root" && cargo build --release --quiet --bin akslint)
      bin="$root/target/release/akslint"
    fi
    ln -sf "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$work/bin/akslint"
  else
    echo "akslint: pre-commit builds the hook with cargo install (CARGO_TARGET_DIR=${target_dir#"$root"/})"
  fi

  t=$SECONDS
  run_hook "$hook" bad.yaml
  out=$(hook_output)
  if ((rc == 0)); then
    report fail "$hook" bad.yaml $((SECONDS - t)) "pre-commit exited 0; expected the hook to fail"
  elif grep -q 'An unexpected error has occurred' "$work/out"; then
    report fail "$hook" bad.yaml $((SECONDS - t)) "pre-commit itself failed (exit $rc)"
  elif ! grep -q "$rule" <<<"$out"; then
    report fail "$hook" bad.yaml $((SECONDS - t)) "failed (exit $rc) but the output does not mention $rule"
  elif ! grep -q 'bad\.yaml' <<<"$out"; then
    report fail "$hook" bad.yaml $((SECONDS - t)) "failed (exit $rc) but the output does not name bad.yaml"
  else
    report ok "$hook" bad.yaml $((SECONDS - t)) "failed as expected, reporting $rule in bad.yaml"
  fi

  t=$SECONDS
  run_hook "$hook" good.yaml
  if ((rc != 0)); then
    report fail "$hook" good.yaml $((SECONDS - t)) "pre-commit exited $rc; expected the hook to pass"
  elif ! grep -qE '^akslint.*\.\.\.+Passed' "$work/out"; then
    report fail "$hook" good.yaml $((SECONDS - t)) "exit 0 but the hook did not run (skipped?)"
  else
    report ok "$hook" good.yaml $((SECONDS - t)) "passed as expected"
  fi
done

if ((failures)); then
  echo "check-precommit: $failures check(s) failed"
  exit 1
fi
echo "check-precommit: all checks passed"
