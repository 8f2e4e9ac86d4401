//! Reads each peer's expectation index (`../shared/corpus/peer-fixtures/<peer>/expected*.json`,
//! formats in `../shared/corpus/SOURCES.md`, "Peer expectations") into [`Expectation`]s of the
//! mapped checks: what the peer's test lints together (the unit), which object or file its verdict
//! is about, and the verdict — or why that verdict cannot be compared.

use super::tables::{self, Grade, Map, Skip};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Verdict {
    /// The peer reports the check there: akslint must report the rule.
    Failed,
    /// The peer ran the check there and it passed: akslint must be silent.
    Passed,
    /// The peer's test enumerates its reports and this object is not among them.
    NotReported,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Failed => "FAILED",
            Verdict::Passed => "PASSED",
            Verdict::NotReported => "NOT_REPORTED",
        }
    }
}

/// What one peer test lints together.
pub enum Unit {
    Paths(Vec<PathBuf>),
    /// An example embedded in the peer's metadata, written to a temporary file named `name`.
    Text {
        name: String,
        text: String,
    },
}

/// A Kubernetes object as the peer names it.
#[derive(Clone, Debug)]
pub struct Obj {
    pub kind: String,
    pub ns: Option<String>,
    pub name: String,
}

impl Obj {
    /// `Kind/namespace/name` (kube-linter and Kubescape style); `Kind.ns.name` is Checkov's.
    pub fn parse_slashed(s: &str) -> Option<Obj> {
        let mut it = s.splitn(3, '/');
        let (kind, ns, name) = (it.next()?, it.next()?, it.next()?);
        if kind.is_empty() || name.is_empty() || name == "?" || ns == "?" || kind == "?" {
            return None;
        }
        Some(Obj {
            kind: kind.to_string(),
            ns: (!ns.is_empty()).then(|| ns.to_string()),
            name: name.to_string(),
        })
    }

    pub fn parse_dotted(s: &str) -> Option<Obj> {
        let mut it = s.splitn(3, '.');
        let (kind, ns, name) = (it.next()?, it.next()?, it.next()?);
        Some(Obj {
            kind: kind.to_string(),
            ns: (!ns.is_empty()).then(|| ns.to_string()),
            name: name.to_string(),
        })
    }

    pub fn key(&self) -> String {
        format!(
            "{}/{}/{}",
            self.kind,
            self.ns.as_deref().unwrap_or(""),
            self.name
        )
    }

    /// Same object? Kind and name must be equal; a missing namespace and `default` are the same
    /// (Checkov writes `default` for objects without one), and akslint shows no namespace for
    /// cluster-scoped objects.
    pub fn same(&self, o: &Obj) -> bool {
        let norm = |ns: &Option<String>| ns.clone().filter(|n| n != "default");
        let (a, b) = (norm(&self.ns), norm(&o.ns));
        self.kind == o.kind && self.name == o.name && (a == b || a.is_none() || b.is_none())
    }
}

pub enum Target {
    /// Any finding of the rule in the unit (Polaris, Trivy examples: file verdicts).
    Any,
    /// A Kubernetes object, in one of `files` when given.
    Object { obj: Obj, files: Vec<PathBuf> },
    /// A Terraform resource address (`azurerm_kubernetes_cluster.example`).
    Address(String),
}

pub enum How {
    Compare {
        unit: Unit,
        target: Target,
        expected: Verdict,
    },
    NotComparable(String),
}

pub struct Expectation {
    pub peer: &'static str,
    pub check: String,
    /// The mapped rule; `None` for a check listed as not comparable as a whole.
    pub rule: Option<&'static str>,
    /// The peer's test input, relative to the peer folder (file, directory, or `file#example`).
    pub case: String,
    /// The object the verdict is about (`Kind/ns/name`, a Terraform address), "" for a file.
    pub object: String,
    /// The verdict as the peer states it.
    pub peer_says: String,
    pub how: How,
}

pub const PEERS: &[&str] = &[
    "checkov",
    "kube-linter",
    "polaris",
    "kube-score",
    "trivy-checks",
    "kubescape",
];

pub fn display_name(peer: &str) -> &'static str {
    match peer {
        "checkov" => "Checkov",
        "kube-linter" => "kube-linter",
        "polaris" => "Polaris",
        "kube-score" => "kube-score",
        "trivy-checks" => "Trivy",
        "kubescape" => "Kubescape",
        _ => panic!("unknown peer {peer}"),
    }
}

/// The mapping rows of a peer as (check, rule), kube-score included.
pub fn mapped(peer: &str) -> Vec<(&'static str, &'static str)> {
    rows(peer).into_iter().map(|(c, r, _)| (c, r)).collect()
}

/// The checks of a peer's tables in table order: mapping rows, then those not comparable.
pub fn check_order(peer: &str) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = rows(peer).into_iter().map(|(c, _, _)| c).collect();
    for s in not_comparable(peer) {
        if !v.contains(&s.check) {
            v.push(s.check);
        }
    }
    v
}

/// The note of a mapping row, or the reason of a check listed as not comparable.
pub fn note(peer: &str, check: &str) -> &'static str {
    rows(peer)
        .into_iter()
        .find(|(c, _, _)| *c == check)
        .map(|(_, _, n)| n)
        .or_else(|| {
            not_comparable(peer)
                .iter()
                .find(|s| s.check == check)
                .map(|s| s.reason)
        })
        .unwrap_or("")
}

fn rows(peer: &str) -> Vec<(&'static str, &'static str, &'static str)> {
    let rows: &[Map] = match peer {
        "checkov" => tables::CHECKOV,
        "kube-linter" => tables::KUBE_LINTER,
        "polaris" => tables::POLARIS,
        "kube-score" => {
            return tables::KUBE_SCORE
                .iter()
                .map(|r| (r.check, r.rule, r.note))
                .collect();
        }
        "trivy-checks" => tables::TRIVY,
        "kubescape" => tables::KUBESCAPE,
        _ => unreachable!(),
    };
    rows.iter().map(|r| (r.check, r.rule, r.note)).collect()
}

pub fn not_comparable(peer: &str) -> &'static [Skip] {
    match peer {
        "checkov" => tables::CHECKOV_NOT_COMPARABLE,
        "kube-linter" => tables::KUBE_LINTER_NOT_COMPARABLE,
        "polaris" => tables::POLARIS_NOT_COMPARABLE,
        "kube-score" => tables::KUBE_SCORE_NOT_COMPARABLE,
        "trivy-checks" => tables::TRIVY_NOT_COMPARABLE,
        "kubescape" => tables::KUBESCAPE_NOT_COMPARABLE,
        _ => unreachable!(),
    }
}

pub fn left_out(peer: &str) -> &'static [Skip] {
    match peer {
        "checkov" => tables::CHECKOV_LEFT_OUT,
        "kube-linter" => tables::KUBE_LINTER_LEFT_OUT,
        "polaris" => tables::POLARIS_LEFT_OUT,
        "kube-score" => tables::KUBE_SCORE_LEFT_OUT,
        "trivy-checks" => tables::TRIVY_LEFT_OUT,
        "kubescape" => tables::KUBESCAPE_LEFT_OUT,
        _ => unreachable!(),
    }
}

/// The rule of a mapped check, `Some(None)` for a check listed as not comparable, `None` when the
/// check is not in the peer's tables (its expectations are ignored).
fn lookup(peer: &'static str, check: &str) -> Option<Option<&'static str>> {
    if let Some((_, rule)) = mapped(peer).into_iter().find(|(c, _)| *c == check) {
        return Some(Some(rule));
    }
    not_comparable(peer)
        .iter()
        .any(|s| s.check == check)
        .then_some(None)
}

fn whole_check_reason(peer: &str, check: &str) -> String {
    not_comparable(peer)
        .iter()
        .find(|s| s.check == check)
        .map(|s| s.reason.to_string())
        .expect("listed as not comparable")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn arr(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or(&[])
}

fn st(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn verdict(s: &str) -> Verdict {
    match s {
        "FAILED" => Verdict::Failed,
        "PASSED" => Verdict::Passed,
        "NOT_REPORTED" => Verdict::NotReported,
        _ => panic!("unknown verdict {s}"),
    }
}

/// Every expectation of every peer.
pub fn all(fixtures: &Path) -> Vec<Expectation> {
    let mut out = Vec::new();
    out.extend(checkov(&fixtures.join("checkov")));
    out.extend(kube_linter(&fixtures.join("kube-linter")));
    out.extend(polaris(&fixtures.join("polaris")));
    out.extend(kube_score(&fixtures.join("kube-score")));
    out.extend(trivy(&fixtures.join("trivy-checks")));
    out.extend(kubescape(&fixtures.join("kubescape")));
    out
}

// ---------------------------------------------------------------------------------------------
// Checkov

fn checkov(root: &Path) -> Vec<Expectation> {
    const P: &str = "checkov";
    let mut out = Vec::new();
    // Kubernetes: each test runs the one check on its `example_*` directory.
    for t in arr(&read_json(&root.join("expected_kubernetes.json"))) {
        let check = st(t, "check_id");
        let Some(rule) = lookup(P, &check) else {
            continue;
        };
        if t.get("assertion").is_some() {
            continue; // `test_summary_skip_check`: the check is skipped, no verdict.
        }
        let dir = st(t, "fixture_dir");
        let listed = t.get("passed_resources").is_some() || t.get("failed_resources").is_some();
        if rule.is_none() || !listed {
            let sum = &t["expected_summary"];
            let counts = format!(
                "counts only: {} passed, {} failed",
                sum["passed"].as_u64().unwrap_or(0),
                sum["failed"].as_u64().unwrap_or(0)
            );
            let reason = match rule {
                None => whole_check_reason(P, &check),
                Some(_) => format!(
                    "count-only test ({}): asserts how many resources pass or fail, not which",
                    st(t, "test_method")
                ),
            };
            out.push(Expectation {
                peer: P,
                check,
                rule,
                case: dir,
                object: String::new(),
                peer_says: counts,
                how: How::NotComparable(reason),
            });
            continue;
        }
        for (key, v) in [
            ("failed_resources", Verdict::Failed),
            ("passed_resources", Verdict::Passed),
        ] {
            for r in arr(&t[key]) {
                let id = st(r, "resource");
                let obj = Obj::parse_dotted(&id).expect("Kind.ns.name");
                let files = arr(&r["files"])
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|f| root.join(f))
                    .collect();
                out.push(Expectation {
                    peer: P,
                    check: check.clone(),
                    rule,
                    case: dir.clone(),
                    object: obj.key(),
                    peer_says: v.as_str().into(),
                    how: How::Compare {
                        unit: Unit::Paths(vec![root.join(&dir)]),
                        target: Target::Object { obj, files },
                        expected: v,
                    },
                });
            }
        }
    }
    // Terraform fixture files: each test runs the one check on the example's directory.
    for e in arr(&read_json(&root.join("expected.json"))) {
        let check = st(e, "check_id");
        let Some(rule) = lookup(P, &check) else {
            continue;
        };
        let file = st(e, "file");
        let dir = Path::new(&file).parent().unwrap().to_path_buf();
        let v = verdict(&st(e, "expected"));
        let resource = st(e, "resource");
        out.push(Expectation {
            peer: P,
            check,
            rule,
            case: file.clone(),
            object: resource.clone(),
            peer_says: v.as_str().into(),
            how: How::Compare {
                unit: Unit::Paths(vec![root.join(dir)]),
                target: Target::Address(resource),
                expected: v,
            },
        });
    }
    // Terraform inline tests: `scan_resource_conf` on one resource of an HCL string or a dict.
    for e in arr(&read_json(&root.join("expected_inline.json"))) {
        let check = st(e, "check_id");
        let Some(rule) = lookup(P, &check) else {
            continue;
        };
        let line = e["source_lines"][0].as_u64().unwrap_or(0);
        let case = format!("{}:{line} ({})", st(e, "test"), st(e, "test_method"));
        let v = verdict(&st(e, "expected"));
        let resource = arr(&e["resources_in_hcl"])
            .first()
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let how = match (rule, st(e, "input_kind").as_str()) {
            (None, _) => How::NotComparable(whole_check_reason(P, &check)),
            (Some(_), "hcl") => How::Compare {
                unit: Unit::Text {
                    name: "main.tf".into(),
                    text: st(e, "hcl"),
                },
                target: Target::Address(resource.clone()),
                expected: v,
            },
            _ => How::NotComparable(
                "the test passes an already-parsed python-hcl2 dict, not HCL text".into(),
            ),
        };
        out.push(Expectation {
            peer: P,
            check,
            rule,
            case,
            object: resource,
            peer_says: v.as_str().into(),
            how,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// kube-linter

fn kube_linter(root: &Path) -> Vec<Expectation> {
    const P: &str = "kube-linter";
    let mut out = Vec::new();
    for e in arr(&read_json(&root.join("expected.json"))) {
        let check = st(e, "check");
        let Some(rule) = lookup(P, &check) else {
            continue;
        };
        let file = st(e, "file");
        let raw = st(e, "object");
        let v = verdict(&st(e, "expected"));
        let how = match (rule, Obj::parse_slashed(&raw)) {
            (None, _) => How::NotComparable(whole_check_reason(P, &check)),
            (Some(_), None) => How::NotComparable(
                "the bats test asserts only `Kind: message`; the object is not identified".into(),
            ),
            (Some(_), Some(obj)) => How::Compare {
                unit: Unit::Paths(vec![root.join(&file)]),
                target: Target::Object {
                    obj,
                    files: Vec::new(),
                },
                expected: v,
            },
        };
        out.push(Expectation {
            peer: P,
            check,
            rule,
            case: file,
            object: if raw.is_empty() { "?".into() } else { raw },
            peer_says: v.as_str().into(),
            how,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Polaris

fn polaris(root: &Path) -> Vec<Expectation> {
    const P: &str = "polaris";
    let mut out = Vec::new();
    for e in arr(&read_json(&root.join("expected.json"))) {
        let check = st(e, "check");
        let Some(rule) = lookup(P, &check) else {
            continue;
        };
        let file = st(e, "file");
        let said = st(e, "expected");
        let how = if said == "MUTATION_OUTPUT" {
            How::NotComparable(
                "the expected output of the check's mutation (fix), not a verdict".into(),
            )
        } else if rule.is_none() {
            How::NotComparable(whole_check_reason(P, &check))
        } else {
            How::Compare {
                unit: Unit::Paths(vec![root.join(&file)]),
                target: Target::Any,
                expected: verdict(&said),
            }
        };
        out.push(Expectation {
            peer: P,
            check,
            rule,
            case: file,
            object: String::new(),
            peer_says: said,
            how,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// kube-score

/// The objects of a file in document order (`kind: List` items included).
pub fn objects_of(path: &Path) -> Vec<Obj> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let file = akslint::yaml::parse_file(&text, &akslint::yaml::YamlLimits::default());
    let mut out = Vec::new();
    for doc in file.docs.iter().flatten() {
        for o in akslint::k8s::objects(doc) {
            out.push(Obj {
                kind: o.kind.to_string(),
                ns: o.namespace.map(str::to_string),
                name: o.name.unwrap_or("<unnamed>").to_string(),
            });
        }
    }
    out
}

fn kube_score(root: &Path) -> Vec<Expectation> {
    const P: &str = "kube-score";
    let mut out = Vec::new();
    for e in arr(&read_json(&root.join("expected.json"))) {
        let check = st(e, "check");
        let Some(row) = tables::KUBE_SCORE.iter().find(|r| r.check == check) else {
            if lookup(P, &check).is_some() {
                unreachable!("kube-score checks are all in KUBE_SCORE");
            }
            continue;
        };
        let files: Vec<String> = match e["files"].as_array() {
            Some(fs) => fs
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            None => vec![st(e, "file")],
        };
        let grade = st(e, "expected_grade");
        let run_config = st(e, "run_config");
        let paths: Vec<PathBuf> = files.iter().map(|f| root.join(f)).collect();
        let graded = paths.iter().flat_map(|p| objects_of(p)).find(|o| {
            if row.kinds == tables::WORKLOADS {
                akslint::k8s::is_workload_kind(&o.kind)
            } else {
                row.kinds.contains(&o.kind.as_str())
            }
        });
        let v = match grade.as_str() {
            "GradeCritical" => Some(Grade::Failed),
            "GradeWarning" => Some(row.warning),
            "GradeAllOK" => Some(Grade::Passed),
            _ => None,
        };
        let how = if run_config.contains("IgnoreContainer") && run_config.contains(": true") {
            How::NotComparable(
                "non-default kube-score option (ignore container CPU/memory limits): akslint has \
                 no equivalent option"
                    .into(),
            )
        } else if let (Some(obj), Some(v)) = (&graded, v) {
            How::Compare {
                unit: Unit::Paths(paths.clone()),
                target: Target::Object {
                    obj: obj.clone(),
                    files: Vec::new(),
                },
                expected: match v {
                    Grade::Failed => Verdict::Failed,
                    Grade::Passed => Verdict::Passed,
                },
            }
        } else if v.is_none() {
            How::NotComparable(format!("grade `{grade}` is no verdict"))
        } else {
            How::NotComparable("no object of the graded kind in the file".into())
        };
        out.push(Expectation {
            peer: P,
            check,
            rule: Some(row.rule),
            case: files.join(" + "),
            object: graded.map(|o| o.key()).unwrap_or_default(),
            peer_says: grade,
            how,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Trivy checks

/// `good[1]` → ("good", 1).
fn example_ref(s: &str) -> (String, usize) {
    let (kind, rest) = s.split_once('[').expect("good[i] / bad[i]");
    (
        kind.to_string(),
        rest.trim_end_matches(']').parse().unwrap(),
    )
}

/// The text of `provider.kind[index]` in a check's metadata YAML.
fn example_text(path: &Path, provider: &str, kind: &str, index: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file = akslint::yaml::parse_file(&text, &akslint::yaml::YamlLimits::default());
    let doc = file.docs[0].as_ref().expect("valid YAML");
    let root = doc.root.expect("a root");
    let list = doc
        .get_at(root, &[provider, kind])
        .unwrap_or_else(|| panic!("{}: no {provider}.{kind}", path.display()));
    let item = doc.seq(list).nth(index).expect("example index");
    doc.str(item).expect("a string").to_string()
}

fn trivy(root: &Path) -> Vec<Expectation> {
    const P: &str = "trivy-checks";
    let mut out = Vec::new();
    for e in arr(&read_json(&root.join("expected.json"))) {
        let check = st(e, "check_id");
        let Some(rule) = lookup(P, &check) else {
            continue;
        };
        let file = st(e, "file");
        let provider = st(e, "provider");
        let example = st(e, "example");
        let v = verdict(&st(e, "expected"));
        let how = match rule {
            None => How::NotComparable(whole_check_reason(P, &check)),
            Some(_) => {
                let (kind, index) = example_ref(&example);
                let name = if provider == "terraform" {
                    "main.tf"
                } else {
                    "example.yaml"
                };
                How::Compare {
                    unit: Unit::Text {
                        name: name.into(),
                        text: example_text(&root.join(&file), &provider, &kind, index),
                    },
                    target: Target::Any,
                    expected: v,
                }
            }
        };
        out.push(Expectation {
            peer: P,
            check,
            rule,
            case: format!("{file}#{example}"),
            object: String::new(),
            peer_says: v.as_str().into(),
            how,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Kubescape

/// The kinds a regolibrary rule matches (`match[].resources` of `rule.metadata.json`).
fn matched_kinds(rule_dir: &Path) -> BTreeSet<String> {
    let meta = read_json(&rule_dir.join("rule.metadata.json"));
    arr(&meta["match"])
        .iter()
        .flat_map(|m| arr(&m["resources"]))
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

fn kubescape(root: &Path) -> Vec<Expectation> {
    const P: &str = "kubescape";
    let mut out = Vec::new();
    for e in arr(&read_json(&root.join("expected.json"))) {
        let check = st(e, "rule");
        let Some(rule) = lookup(P, &check) else {
            continue;
        };
        let case = format!("rules/{check}/test/{}", st(e, "test_case"));
        let said = st(e, "expected");
        if rule.is_none() {
            out.push(Expectation {
                peer: P,
                check: check.clone(),
                rule,
                case,
                object: String::new(),
                peer_says: said,
                how: How::NotComparable(whole_check_reason(P, &check)),
            });
            continue;
        }
        let inputs: Vec<PathBuf> = arr(&e["inputs"])
            .iter()
            .filter_map(Value::as_str)
            .map(|f| root.join(f))
            .collect();
        let kinds = matched_kinds(&root.join("rules").join(&check));
        let objects: Vec<Obj> = inputs.iter().flat_map(|p| objects_of(p)).collect();
        let mut failed: Vec<(String, Option<Obj>)> = Vec::new();
        for f in arr(&e["failed_objects"]).iter().filter_map(Value::as_str) {
            if !failed.iter().any(|(k, _)| k == f) {
                failed.push((f.to_string(), Obj::parse_slashed(f)));
            }
        }
        for (raw, obj) in &failed {
            let found = obj
                .as_ref()
                .filter(|o| objects.iter().any(|i| i.same(o)))
                .cloned();
            let how = match found {
                Some(obj) => How::Compare {
                    unit: Unit::Paths(inputs.clone()),
                    target: Target::Object {
                        obj,
                        files: Vec::new(),
                    },
                    expected: Verdict::Failed,
                },
                None => How::NotComparable(
                    "the alert names an object that is not among the test's inputs".into(),
                ),
            };
            out.push(Expectation {
                peer: P,
                check: check.clone(),
                rule,
                case: case.clone(),
                object: raw.clone(),
                peer_says: "FAILED".into(),
                how,
            });
        }
        // The expected alerts are the complete list: every other object the rule matches passed.
        // Only workloads are compared (every mapped Kubescape rule is a workload rule): a
        // ServiceAccount that `automount-service-account` also matches would agree trivially.
        let mut seen = BTreeSet::new();
        for o in &objects {
            if !kinds.contains(&o.kind)
                || !akslint::k8s::is_workload_kind(&o.kind)
                || failed
                    .iter()
                    .any(|(_, f)| f.as_ref().is_some_and(|f| f.same(o)))
                || !seen.insert(o.key())
            {
                continue;
            }
            let v = if said == "PASSED" {
                Verdict::Passed
            } else {
                Verdict::NotReported
            };
            out.push(Expectation {
                peer: P,
                check: check.clone(),
                rule,
                case: case.clone(),
                object: o.key(),
                peer_says: v.as_str().into(),
                how: How::Compare {
                    unit: Unit::Paths(inputs.clone()),
                    target: Target::Object {
                        obj: o.clone(),
                        files: Vec::new(),
                    },
                    expected: v,
                },
            });
        }
    }
    out
}
