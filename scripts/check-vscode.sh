#!/usr/bin/env bash
# The VS Code extension (editors/vscode) from a clean checkout: `npm ci` (the npm registry, or
# npm's cache), type-check, bundle, package a .vsix with no network, and the protocol test that
# drives the real `akslint lsp` (the release binary, built here if missing). Then the Neovim and
# Helix snippets parse (Lua only when a `luac` is installed).
#
# usage: scripts/check-vscode.sh
# Environment: AKSLINT_BIN  the akslint to test (default: $CARGO_TARGET_DIR or target, release).
# Needs node >= 20 and npm (scripts/install-tools.sh checks). Exit 0 when every check holds.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ext="$root/editors/vscode"
start=$SECONDS

log() { printf 'check-vscode: %s\n' "$*"; }
fail() { printf 'check-vscode: FAILED: %s\n' "$*" >&2; exit 1; }
step() { log "$1 ($((SECONDS - start)) s so far)"; }

command -v node >/dev/null || fail "node not found (Node.js >= 20 is needed)"
command -v npm >/dev/null || fail "npm not found"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' ||
  fail "node $(node --version) is too old: @vscode/vsce needs >= 20"
log "node $(node --version), npm $(npm --version)"

# The binary the protocol test drives.
bin=${AKSLINT_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/akslint}
[[ $bin == /* ]] || bin="$root/$bin"
if [[ ! -x $bin ]]; then
  [[ -n ${AKSLINT_BIN:-} ]] && fail "AKSLINT_BIN=$AKSLINT_BIN is no executable"
  step "building $bin (cargo build --release)"
  (cd "$root" && cargo build --release --quiet)
fi
[[ -x $bin ]] || fail "$bin missing after the build"

# The extension's version is akslint's.
crate_version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)
ext_version=$(node -p 'require(process.argv[1]).version' "$ext/package.json")
[[ $ext_version == "$crate_version" ]] ||
  fail "editors/vscode/package.json has version $ext_version, Cargo.toml $crate_version"

cd "$ext"
rm -rf dist out ./*.vsix

step "npm ci"
npm ci --no-audit --no-fund --loglevel=error

step "npm run check (tsc --noEmit)"
npm run --silent check

step "npm run bundle (esbuild)"
npm run --silent bundle
[[ -s dist/extension.js ]] || fail "npm run bundle wrote no dist/extension.js"

# With every proxy pointing at a closed port: packaging must not need the network.
step "npm run package (vsce package, no network)"
HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 \
  http_proxy=http://127.0.0.1:9 npm_config_offline=true npm run --silent package
vsix="$ext/akslint-$ext_version.vsix"
[[ -f $vsix ]] || fail "no $vsix after npm run package"
# What the package holds: the bundle and the manifest, and no node_modules (it is all bundled).
listing=$(node -e '
  // A .vsix is a zip: list its entries from the central directory (no unzip needed).
  const b = require("fs").readFileSync(process.argv[1]);
  let eocd = b.length - 22;
  while (eocd >= 0 && b.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip file");
  let p = b.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0, n = b.readUInt16LE(eocd + 10); i < n; i++) {
    if (b.readUInt32LE(p) !== 0x02014b50) throw new Error("bad central directory");
    const len = b.readUInt16LE(p + 28), extra = b.readUInt16LE(p + 30), comment = b.readUInt16LE(p + 32);
    names.push(b.toString("utf8", p + 46, p + 46 + len));
    p += 46 + len + extra + comment;
  }
  console.log(names.join("\n"));
' "$vsix")
for want in extension/dist/extension.js extension/package.json extension.vsixmanifest; do
  grep -qx "$want" <<<"$listing" || fail "$vsix has no $want:"$'\n'"$listing"
done
grep -q '^extension/node_modules/' <<<"$listing" && fail "$vsix carries node_modules"
grep -qE '^extension/(src|test|out)/' <<<"$listing" && fail "$vsix carries sources or tests"
log "$(basename "$vsix"): $(wc -c <"$vsix") bytes, $(wc -l <<<"$listing") entries"

step "npm test (node --test; the real akslint lsp: $bin)"
AKSLINT_BIN="$bin" npm test --silent

# Editors without an npm package: the snippets at least parse, and name the server.
step "editors/helix/languages.toml and editors/neovim/akslint.lua"
python=python3
[[ -x $root/.tools/venv/bin/python ]] && python="$root/.tools/venv/bin/python"
if "$python" -c 'import tomllib' 2>/dev/null; then
  "$python" - "$root/editors/helix/languages.toml" <<'EOF'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    cfg = tomllib.load(f)
server = cfg["language-server"]["akslint"]
assert server == {"command": "akslint", "args": ["lsp"]}, server
langs = {l["name"]: l["language-servers"] for l in cfg["language"]}
assert set(langs) == {"yaml", "json", "hcl", "tfvars"}, langs
for name, servers in langs.items():
    assert servers[-1] == "akslint" and len(servers) > 1, (name, servers)
EOF
else
  log "no Python with tomllib: editors/helix/languages.toml not parsed"
fi
luac=$(command -v luac luac5.4 luac5.3 luac5.1 2>/dev/null | head -1 || true)
if [[ -n $luac ]]; then
  "$luac" -p "$root/editors/neovim/akslint.lua"
else
  log "no luac: editors/neovim/akslint.lua not parsed"
fi
grep -q "cmd = { 'akslint', 'lsp' }" "$root/editors/neovim/akslint.lua" ||
  fail "editors/neovim/akslint.lua does not run akslint lsp"

log "ok in $((SECONDS - start)) s"
