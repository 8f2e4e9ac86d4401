#!/usr/bin/env bash
# Validate the CI formats with the parsers their consumers use (installed by
# scripts/install-tools.sh into .tools/venv): JUnit XML through junitparser (what many CI
# uploaders read), checkstyle through Python's XML parser against the checkstyle layout, and Azure
# Pipelines logging commands against the agent's command grammar, GitLab Code Quality against the
# fields GitLab reads (and SARIF's partialFingerprints against JSON's fingerprints). Each file is also held to the
# JSON report of the same run: as many findings, and (JUnit) as many failures as findings at or
# above --fail-on. Then every akslint.toml of the repository (and `akslint init`'s) against
# schemas/akslint.schema.json with jsonschema, as an editor would check it.
#
# usage: scripts/validate-formats.sh PATH...   (lints PATH... with target/release/akslint)
# Exit 0 when every format is valid, 1 otherwise, 2 on usage or setup error.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
py="$root/.tools/venv/bin/python"
bin="${CARGO_TARGET_DIR:-$root/target}/release/akslint"
[[ $bin == /* ]] || bin="$root/$bin"
(($#)) || { echo "usage: $0 PATH..." >&2; exit 2; }
[[ -x $py ]] || { echo "validate-formats: tools missing; run scripts/install-tools.sh" >&2; exit 2; }
[[ -x $bin ]] || { echo "validate-formats: $bin missing; cargo build --release" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" check --fail-on warning --format json \
  --output junit="$tmp/report.xml" --output checkstyle="$tmp/checkstyle.xml" \
  --output azure="$tmp/azure.log" --output gitlab="$tmp/gitlab.json" \
  --output sarif="$tmp/report.sarif" "$@" >"$tmp/report.json" || [[ $? == 1 ]]

AKSLINT_ROOT=$root AKSLINT_BIN=$bin "$py" - "$tmp" <<'PY'
import json, re, sys, xml.etree.ElementTree as ET
from junitparser import JUnitXml, Failure

tmp = sys.argv[1]
report = json.load(open(f"{tmp}/report.json"))
findings = report["diagnostics"]
failing = [d for d in findings if d["severity"] in ("error", "warning")]
problems = []

# JUnit: every suite and case readable; one failure per finding at or above --fail-on.
xml = JUnitXml.fromfile(f"{tmp}/report.xml")
failures = 0
cases = 0
for suite in xml:
    for case in suite:
        cases += 1
        for r in case.result:
            if isinstance(r, Failure):
                failures += 1
                if not r.message or not r.type.split()[-1].startswith("AKS"):
                    problems.append(f"junit: failure without message or rule in {suite.name}")
if failures != len(failing):
    problems.append(f"junit: {failures} failures, {len(failing)} findings at or above --fail-on")
if cases == 0:
    problems.append("junit: no test case")

# Checkstyle: <checkstyle><file name><error line column severity message source/>.
root = ET.parse(f"{tmp}/checkstyle.xml").getroot()
errors = 0
if root.tag != "checkstyle":
    problems.append(f"checkstyle: root is <{root.tag}>")
for f in root:
    if f.tag != "file" or not f.get("name"):
        problems.append(f"checkstyle: <{f.tag}> without a name")
    for e in f:
        errors += 1
        if e.get("severity") not in ("error", "warning", "info"):
            problems.append(f"checkstyle: severity {e.get('severity')!r}")
        if not re.fullmatch(r"akslint\.AKS\d{3}", e.get("source", "")):
            problems.append(f"checkstyle: source {e.get('source')!r}")
        for attr in ("line", "column"):
            if e.get(attr) is not None and not e.get(attr).isdigit():
                problems.append(f"checkstyle: {attr} {e.get(attr)!r}")
if errors != len(findings):
    problems.append(f"checkstyle: {errors} errors, {len(findings)} findings")

# Azure Pipelines: ##vso[task.logissue type=…;sourcepath=…;linenumber=…;columnnumber=…;code=…;]msg
command = re.compile(
    r"##vso\[task\.logissue type=(error|warning);sourcepath=[^;\]\r\n]*"
    r"(;linenumber=\d+;columnnumber=\d+)?;code=AKS\d{3};\][^\r\n]*"
)
lines = open(f"{tmp}/azure.log", encoding="utf-8").read().splitlines()
issues = [l for l in lines if l.startswith("##vso")]
for l in issues:
    if not command.fullmatch(l):
        problems.append(f"azure: malformed command: {l[:120]}")
if len(issues) != len(findings):
    problems.append(f"azure: {len(issues)} commands, {len(findings)} findings")

# GitLab Code Quality: an array of {description, check_name, fingerprint, severity,
# location: {path, lines: {begin}}}, as GitLab's report parser requires; fingerprints unique.
quality = json.load(open(f"{tmp}/gitlab.json"))
if not isinstance(quality, list):
    problems.append("gitlab: not an array")
    quality = []
severities = {"info", "minor", "major", "critical", "blocker"}
want_severity = {"error": "critical", "warning": "major", "note": "minor"}
for q, d in zip(quality, findings):
    if not (isinstance(q.get("description"), str) and q["description"]):
        problems.append(f"gitlab: description {q.get('description')!r}")
    if not re.fullmatch(r"AKS\d{3}", str(q.get("check_name"))):
        problems.append(f"gitlab: check_name {q.get('check_name')!r}")
    if not re.fullmatch(r"[0-9a-f]{32}", str(q.get("fingerprint"))):
        problems.append(f"gitlab: fingerprint {q.get('fingerprint')!r}")
    if q.get("severity") not in severities or q["severity"] != want_severity[d["severity"]]:
        problems.append(f"gitlab: severity {q.get('severity')!r} for {d['severity']}")
    loc = q.get("location") or {}
    begin = (loc.get("lines") or {}).get("begin")
    if not (isinstance(loc.get("path"), str) and loc["path"]):
        problems.append(f"gitlab: path {loc.get('path')!r}")
    if not (isinstance(begin, int) and begin >= 1):
        problems.append(f"gitlab: lines.begin {begin!r}")
if len(quality) != len(findings):
    problems.append(f"gitlab: {len(quality)} issues, {len(findings)} findings")
if len({q.get("fingerprint") for q in quality}) != len(quality):
    problems.append("gitlab: fingerprints repeat")

# SARIF: each result's partialFingerprints is the JSON report's fingerprint.
results = json.load(open(f"{tmp}/report.sarif"))["runs"][0]["results"]
if [r.get("partialFingerprints", {}).get("akslint/v1") for r in results] != [d["fingerprint"] for d in findings]:
    problems.append("sarif: partialFingerprints differ from the JSON report's fingerprints")

# Configs: every akslint.toml in the repository, and the one `akslint init` writes.
import glob, os, subprocess, tomllib, jsonschema
root = os.environ["AKSLINT_ROOT"]
schema = json.load(open(f"{root}/schemas/akslint.schema.json"))
configs = sorted(glob.glob(f"{root}/testdata/**/akslint.toml", recursive=True))
init_dir = f"{tmp}/init"
os.makedirs(init_dir)
subprocess.run([os.environ["AKSLINT_BIN"], "init"], cwd=init_dir, check=True, capture_output=True)
configs.append(f"{init_dir}/akslint.toml")
for c in configs:
    for e in jsonschema.Draft7Validator(schema).iter_errors(tomllib.load(open(c, "rb"))):
        problems.append(f"schema: {os.path.relpath(c, root)}: {e.message}")

for p in problems[:20]:
    print(p)
print(f"validate-formats: {len(findings)} findings; junit {cases} cases / {failures} failures, "
      f"checkstyle {errors} errors, azure {len(issues)} commands, gitlab {len(quality)} issues, "
      f"{len(configs)} configs: "
      + ("ok" if not problems else f"{len(problems)} problem(s)"))
sys.exit(1 if problems else 0)
PY
