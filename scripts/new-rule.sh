#!/usr/bin/env bash
# Scaffolds a rule: `scripts/new-rule.sh AKS419 host-users workloads k8s`.
#
#   ID      AKS + layer digit + two digits, not taken
#   name    kebab-case, not taken
#   layer   identity | hardening | network | workloads | secrets | images | monitoring
#   target  k8s   a Kubernetes rule (judges every workload; switch to object kinds in the file)
#           tf    a Terraform rule (judges azurerm_kubernetes_cluster; switch kinds in the file)
#           index a cross-file rule (reads the project's index: every scanned manifest at once)
#
# Writes rules/ID.md (the doc is the rule's metadata), src/rules/<layer>/<id>_<name>.rs, its
# module line and list entry in the layer's mod.rs, and testdata/<k8s|tf>/ID/ with an
# akslint.toml selecting the rule, a bad and a good fixture (a cross-file rule's fixtures of one
# folder are linted as one project). Everything compiles at once; the tests fail until the rule,
# its doc examples and its fixtures say the same thing. CI runs this script in a scratch copy
# (scripts/check-new-rule.sh).
set -euo pipefail

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
die() {
  echo "new-rule: $*" >&2
  exit 2
}

[[ $# -eq 4 ]] || usage
id=$1 name=$2 layer=$3 target=$4
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[[ $id =~ ^AKS[1-7][0-9][0-9]$ ]] || die "ID must be AKS + layer digit 1-7 + two digits: \`$id\`"
[[ $name =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]] || die "name must be kebab-case: \`$name\`"
layers=(identity hardening network workloads secrets images monitoring)
digit=${id:3:1}
[[ ${layers[$((digit - 1))]} == "$layer" ]] ||
  die "$id belongs to layer ${layers[$((digit - 1))]} (its digit is $digit), not \`$layer\`"
case $target in
  k8s) kind=kubernetes fixtures=testdata/k8s/$id ;;
  tf) kind=terraform fixtures=testdata/tf/$id ;;
  index) kind=kubernetes fixtures=testdata/k8s/$id ;;
  *) die "target must be k8s, tf or index: \`$target\`" ;;
esac
[[ ! -e rules/$id.md ]] || die "$id is taken (rules/$id.md)"
if grep -qx "name = \"$name\"" rules/*.md; then
  die "the name \`$name\` is taken ($(grep -lx "name = \"$name\"" rules/*.md))"
fi

snake=${name//-/_}
module=$(echo "$id" | tr '[:upper:]' '[:lower:]')_$snake
type=$(echo "$name" | sed -E 's/(^|-)([a-z0-9])/\U\2/g')
file=src/rules/$layer/$module.rs
mod=src/rules/$layer/mod.rs
grep -q '^super::layer! {$' "$mod" || die "$mod has no \`super::layer! {\` list"
grep -q '^mod aks' "$mod" || die "$mod declares no rule module"

# ---- the doc --------------------------------------------------------------------------------
if [[ $target == index ]]; then
  bad_example='```yaml file=app.yaml
apiVersion: v1
kind: Pod
metadata:
  name: app
  namespace: shop
spec:
  containers:
    - name: app
      image: contoso.azurecr.io/app@sha256:0000000000000000000000000000000000000000000000000000000000000000
```'
  good_example=$bad_example
elif [[ $target == k8s ]]; then
  bad_example='```yaml
apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: contoso.azurecr.io/app@sha256:0000000000000000000000000000000000000000000000000000000000000000
```'
  good_example=$bad_example
else
  bad_example='```hcl file=main.tf
resource "azurerm_kubernetes_cluster" "main" {
}
```'
  good_example=$bad_example
fi
cat >"rules/$id.md" <<EOF
+++
id = "$id"
name = "$name"
severity = "warning"
layer = "$layer"
target = "$kind"
summary = "TODO: one sentence: what is wrong, and what it exposes."
references = []
+++

## Why

TODO: what an attacker or an outage gets from it, in two or three sentences an AKS platform
engineer would sign.

## Bad example

TODO: the smallest input that makes the rule fire (it is linted by \`tests/rules_docs.rs\`).

$bad_example

## Good example

TODO: the same input, fixed (it must not fire).

$good_example

## Fix

TODO: what to write instead, ending with a full stop.
EOF

# ---- the rule -------------------------------------------------------------------------------
if [[ $target == index ]]; then
  cat >"$file" <<EOF
//! $id $name: TODO: what the rule judges across files, which objects its verdict rests on
//! (they decide where it is reported: see \`IndexCtx::report\`), where a finding points, and
//! what it deliberately leaves alone (what it cannot know from the scanned files).

use crate::declare_rule;
use crate::index::Index;
use crate::rules::{IndexCtx, Rule};

// Once per run, after every file was read: \`index\` holds the facts of every scanned manifest
// (see src/index/mod.rs; a fact the rule needs and the index lacks is extracted in
// src/index/facts.rs). It may also judge single files: add \`Workloads\` or \`Kinds(…)\`.
declare_rule!($type, "$id", [Index]);

impl Rule for $type {
    fn check_index(&self, index: &Index, cx: &mut IndexCtx<'_>) {
        // TODO($id): the verdict, from the index alone; \`also\` lists the other objects it
        // rests on, so that naming any of their files reports the finding.
        for (o, w) in index.workloads() {
            if w.service_account == "TODO" {
                cx.report(
                    o,
                    &w.spec_anchor,
                    &[],
                    format!("{} TODO: what is wrong and why it matters", o.label),
                    "TODO: the YAML to write instead",
                );
            }
        }
    }
}
EOF
elif [[ $target == k8s ]]; then
  cat >"$file" <<EOF
//! $id $name: TODO: what the rule judges, where a finding points, and what it deliberately
//! leaves alone.

use crate::declare_rule;
use crate::k8s::Workload;
use crate::rules::{K8sCtx, Rule};

// Every workload (its pod spec and containers, built once by the engine). To judge objects of
// other kinds, declare \`[Kinds(&["Service"])]\` and implement \`check_k8s\` instead.
declare_rule!($type, "$id", [Workloads]);

const HELP: &str = "TODO: the YAML to write instead";

impl Rule for $type {
    fn check_workload(&self, w: &Workload<'_, '_>, cx: &mut K8sCtx<'_>) {
        // TODO($id): one finding per container, at the offending key, or at the container's
        // \`name\` entry (\`c.anchor()\`) when something is missing; the message says what is wrong
        // and why it matters. Windows pods: \`w.windows\`.
        for c in &w.containers {
            if let Some(e) = c.security_context(&["TODO"]) {
                cx.report(
                    c.doc.entry_span(e),
                    format!("{} sets \`TODO\`", c.describe()),
                    HELP,
                );
            }
        }
    }
}
EOF
else
  cat >"$file" <<EOF
//! $id $name: TODO: what the rule judges (every azurerm major's spelling), its provider
//! default, where a finding points, and what it deliberately leaves alone.

use crate::declare_rule;
use crate::rules::azurerm::{Setting, report_attr, shown};
use crate::rules::{Rule, TfCtx};
use crate::terraform::Resource;

// Clusters that certainly exist. Other kinds: NodePool, Registry, KeyVault (AzureKind); blocks
// that are not Azure resources: Block(RootOutput), Block(LocalFile) (BlockKind).
declare_rule!($type, "$id", [Azure(Cluster)]);

const NAME: &str = "TODO";

const HELP: &str = "TODO: the HCL to write instead";

impl Rule for $type {
    fn check_tf(&self, res: &Resource<'_>, cx: &mut TfCtx<'_>) {
        // TODO($id): unknown never fires; null and not written mean the provider default.
        let setting = Setting::of(res.attr(NAME));
        if setting.bool_or(false) != Some(true) {
            return;
        }
        if let Some(a) = setting.attr() {
            let message = format!("{} TODO: what is wrong and why it matters", shown(NAME, a));
            report_attr(cx, a, message, HELP);
        }
    }
}
EOF
fi

# ---- the module and the list entry, in ID order ----------------------------------------------
python3 - "$mod" "$module" "$type" <<'PY'
import re, sys
path, module, rule = sys.argv[1:]
s = open(path).read()
start = s.index("super::layer! {\n") + len("super::layer! {\n")
end = s.index("}\n", start)
entries = [l for l in s[start:end].splitlines() if l.strip()]
entries.append(f"    {module}::{rule},")
entries.sort()
s = s[:start] + "\n".join(entries) + "\n" + s[end:]
mods = re.findall(r"^mod aks\d+_\w+;\n", s, re.M)
first = s.index(mods[0])
last = s.index(mods[-1]) + len(mods[-1])
mods = sorted(mods + [f"mod {module};\n"])
open(path, "w").write(s[:first] + "".join(mods) + s[last:])
PY

# ---- fixtures -------------------------------------------------------------------------------
mkdir -p "$fixtures"
echo "select = [\"$id\"]" >"$fixtures/akslint.toml"
if [[ $target != tf ]]; then
  cat >"$fixtures/bad.yaml" <<EOF
# TODO: inputs where $id must fire, each marked on the line where its finding starts.
apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
    - name: app  # expect: $id
      image: app
EOF
  cat >"$fixtures/good.yaml" <<EOF
# TODO: inputs where $id must stay silent: the fixed form, and the near misses.
apiVersion: v1
kind: Pod
metadata:
  name: good
spec:
  containers:
    - name: app
      image: app
EOF
else
  mkdir -p "$fixtures/bad" "$fixtures/good"
  cat >"$fixtures/bad/main.tf" <<EOF
# TODO: a module where $id must fire, marked on the line where its finding starts.
resource "azurerm_kubernetes_cluster" "bad" { # expect: $id
}
EOF
  cat >"$fixtures/good/main.tf" <<EOF
# TODO: a module where $id must stay silent: the fixed form, unknown values, near misses.
resource "azurerm_kubernetes_cluster" "good" {
}
EOF
fi

cat <<EOF
new-rule: $id $name ($layer, $kind)
  rules/$id.md            the doc: summary, why, bad and good examples, fix
  $file
  $mod       (module and list entry)
  $fixtures/       akslint.toml, bad and good fixtures
Next: write the check, the doc and the fixtures until \`cargo test\` passes, then
  AKSLINT_BLESS=1 cargo test --test readme --test cli   (README rule table, testdata snapshot)
EOF
