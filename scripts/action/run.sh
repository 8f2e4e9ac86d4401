#!/usr/bin/env bash
# The GitHub Action's logic (action.yml calls it; scripts/check-action.sh tests it against a fake
# release). Two commands:
#
#   run.sh install   download the release archive for this runner, check its SHA-256 against the
#                    release's checksums.txt, unpack it, put akslint on PATH ($GITHUB_PATH)
#   run.sh check     run akslint: annotations in the log, SARIF for code scanning, a step summary;
#                    the exit code goes to $GITHUB_OUTPUT (exit-code) — the action fails on it after
#                    the SARIF upload, so findings are uploaded even when the check fails
#
# Environment (action.yml maps its inputs): AKSLINT_VERSION (e.g. 0.2.0), AKSLINT_RELEASE_URL (the
# releases' download base, default https://github.com/$GITHUB_ACTION_REPOSITORY/releases/download),
# AKSLINT_PATHS, AKSLINT_ARGS, AKSLINT_FAIL_ON, AKSLINT_SARIF; GitHub's RUNNER_TEMP, GITHUB_PATH,
# GITHUB_OUTPUT, GITHUB_STEP_SUMMARY.
set -euo pipefail

die() { echo "::error title=akslint action::$*"; exit 1; }

target() {
  local os arch
  os=$(uname -s) arch=$(uname -m)
  case "$os/$arch" in
    Linux/x86_64) echo x86_64-unknown-linux-gnu ;;
    Linux/aarch64 | Linux/arm64) echo aarch64-unknown-linux-gnu ;;
    Darwin/x86_64) echo x86_64-apple-darwin ;;
    Darwin/arm64) echo aarch64-apple-darwin ;;
    *) die "no akslint release for $os/$arch (build it with cargo install --locked)" ;;
  esac
}

install() {
  local version=${AKSLINT_VERSION:?AKSLINT_VERSION is not set} t base dir archive
  version=${version#v}
  t=$(target)
  base=${AKSLINT_RELEASE_URL:-https://github.com/${GITHUB_ACTION_REPOSITORY:?}/releases/download}
  dir="${RUNNER_TEMP:?}/akslint-$version"
  archive="akslint-v$version-$t.tar.gz"
  mkdir -p "$dir"
  curl --fail --silent --show-error --location --retry 3 -o "$dir/$archive" "$base/v$version/$archive" ||
    die "cannot download $base/v$version/$archive"
  curl --fail --silent --show-error --location --retry 3 -o "$dir/checksums.txt" \
    "$base/v$version/checksums.txt" || die "cannot download the release's checksums.txt"
  local want got
  want=$(awk -v f="$archive" '$2 == f || $2 == "*" f {print $1}' "$dir/checksums.txt")
  [[ -n $want ]] || die "checksums.txt has no entry for $archive"
  if command -v sha256sum >/dev/null; then
    got=$(sha256sum "$dir/$archive" | cut -d' ' -f1)
  else
    got=$(shasum -a 256 "$dir/$archive" | cut -d' ' -f1)
  fi
  [[ $got == "$want" ]] || die "$archive: SHA-256 $got, the release says $want"
  tar -xzf "$dir/$archive" -C "$dir"
  [[ -x $dir/akslint ]] || die "$archive holds no akslint executable"
  echo "$dir" >>"${GITHUB_PATH:?}"
  echo "akslint: installed $("$dir/akslint" --version) ($t)"
}

check() {
  local sarif=${AKSLINT_SARIF:-akslint.sarif} log="${RUNNER_TEMP:?}/akslint.log"
  local stats="${RUNNER_TEMP:?}/akslint-statistics.txt" code=0
  local -a args=() paths=()
  # Word-split on purpose: `args: --select AKS4 --ignore AKS414`, `paths: k8s/ infra/`.
  read -r -a args <<<"${AKSLINT_ARGS:-}"
  read -r -a paths <<<"${AKSLINT_PATHS:-.}"
  akslint check --format github --statistics --fail-on "${AKSLINT_FAIL_ON:-warning}" \
    --output "sarif=$sarif" ${args[@]+"${args[@]}"} ${paths[@]+"${paths[@]}"} >"$log" 2>"$stats" || code=$?
  cat "$log"
  if ((code > 1)); then
    cat "$stats" >&2
    echo "exit-code=$code" >>"${GITHUB_OUTPUT:?}"
    die "akslint could not run (exit $code): see the log above"
  fi
  echo "exit-code=$code" >>"${GITHUB_OUTPUT:?}"
  echo "sarif=$sarif" >>"$GITHUB_OUTPUT"
  summary "$log" "$stats" "$code" >>"${GITHUB_STEP_SUMMARY:?}"
}

# The step summary: the totals, findings per rule, and how many annotations GitHub leaves out (it
# shows at most 10 of each kind per step).
summary() {
  local log=$1 stats=$2 code=$3 kind n
  echo "### akslint"
  echo
  echo "$(tail -n 1 "$log")$( ((code == 1)) && echo " — fails at \`--fail-on ${AKSLINT_FAIL_ON:-warning}\`")"
  if [[ -s $stats ]]; then
    echo
    echo "| findings | rule | name |"
    echo "|---:|---|---|"
    awk '{printf "| %s | `%s` | %s |\n", $1, $2, $3}' "$stats"
  fi
  for kind in error warning notice; do
    n=$(grep -c "^::$kind " "$log" || true)
    if ((n > 10)); then
      echo
      echo "GitHub shows 10 ${kind} annotations per step: $((n - 10)) more are in the log and in code scanning."
    fi
  done
}

case "${1:-}" in
  install) install ;;
  check) check ;;
  *) echo "usage: $0 install|check" >&2; exit 2 ;;
esac
