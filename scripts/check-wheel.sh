#!/usr/bin/env bash
# Builds the Python wheel (maturin, `bin` bindings: the wheel carries the akslint executable),
# installs it into a fresh virtual environment, and runs the installed `akslint`: `--version`, and
# one check of the bundled golden case (it must find what the source build finds). maturin comes
# from scripts/install-tools.sh (.tools/venv).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
tools="$root/.tools/venv/bin"
[[ -x $tools/maturin ]] || { echo "check-wheel: maturin missing; run scripts/install-tools.sh" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$tools/maturin" build --release --quiet --out "$tmp/dist" 2>&1 | grep -v '^\s*$' | tail -2
wheel=$(ls "$tmp"/dist/akslint-*.whl)
"$tools/python" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --no-index "$wheel"
installed="$tmp/venv/bin/akslint"
version=$("$installed" --version)
[[ $version == "akslint $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)" ]] ||
  { echo "check-wheel: unexpected version: $version" >&2; exit 1; }
want=$("${CARGO_TARGET_DIR:-target}/release/akslint" check --format compact \
  --config testdata/cases/golden/akslint.toml testdata/cases/golden || true)
got=$("$installed" check --format compact --config testdata/cases/golden/akslint.toml \
  testdata/cases/golden || true)
[[ $got == "$want" && -n $got ]] || { echo "check-wheel: the installed akslint says otherwise:" >&2; echo "$got" >&2; exit 1; }
echo "check-wheel: $(basename "$wheel") installs; $version finds $(wc -l <<<"$got") lines on the golden case"
