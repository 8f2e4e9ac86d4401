//! `check --fix`, `--unsafe-fixes`, `--diff` and `--add-ignore` on copies of `testdata/fix/`:
//! the fixed files re-parse, the fixed findings are gone on a new lint (and only those: what
//! has no fix stays), a second run changes nothing, the diff touches only the edited keys'
//! lines, comments and line endings are kept, flow style, anchors and Helm output are left
//! alone.

mod common;

use akslint::yaml::{YamlLimits, parse_file};
use common::akslint;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const FIXTURES: &str = "testdata/fix";

/// A copy of the fixtures (their own project: `root = true`), or of some of them.
fn copy(only: Option<&[&str]>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES);
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        if p.is_dir() {
            continue; // a cache
        }
        if name == "akslint.toml" || only.is_none_or(|o| o.contains(&name.as_str())) {
            std::fs::copy(&p, dir.path().join(&name)).unwrap();
        }
    }
    dir
}

/// Every file of a directory, by name.
fn files(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            continue; // the cache
        }
        let text = std::fs::read_to_string(&p).unwrap();
        out.insert(p.file_name().unwrap().to_str().unwrap().to_string(), text);
    }
    out
}

/// `(file, line, rule)` of a JSON report.
fn findings(stdout: &[u8]) -> Vec<(String, u64, String)> {
    let v: Value = serde_json::from_slice(stdout).unwrap();
    let mut out: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What has no fix: flow style, an anchored mapping, rendered Helm output.
fn unfixable() -> Vec<(String, u64, String)> {
    let mut want: Vec<(String, u64, String)> = [
        ("anchors.yaml", 13, "AKS404"),
        ("anchors.yaml", 13, "AKS405"),
        ("anchors.yaml", 16, "AKS402"),
        ("anchors.yaml", 16, "AKS402"),
        ("anchors.yaml", 17, "AKS404"),
        ("anchors.yaml", 17, "AKS405"),
        ("flow.yaml", 4, "AKS402"),
        ("flow.yaml", 4, "AKS404"),
        ("flow.yaml", 4, "AKS405"),
        ("helm.yaml", 15, "AKS404"),
        ("helm.yaml", 15, "AKS405"),
        ("helm.yaml", 18, "AKS402"),
    ]
    .iter()
    .map(|(f, l, r)| (f.to_string(), *l, r.to_string()))
    .collect();
    want.sort();
    want
}

#[test]
fn unsafe_fixes_leave_only_what_has_no_fix_and_a_second_run_changes_nothing() {
    let dir = copy(None);
    let before = files(dir.path());
    let o = akslint(
        &["check", "--fix", "--unsafe-fixes", "--format", "json", "."],
        dir.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(findings(&o.stdout), unfixable(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("akslint: fixed 21 findings (12 remaining)"),
        "{}",
        stderr(&o)
    );
    let after = files(dir.path());
    for (name, text) in &after {
        let parsed = parse_file(text, &YamlLimits::default());
        assert!(parsed.docs.iter().all(Result::is_ok), "{name} re-parses");
        if ["flow.yaml", "anchors.yaml", "helm.yaml", "akslint.toml"].contains(&name.as_str()) {
            assert_eq!(text, &before[name], "{name} is left alone");
        } else {
            assert_ne!(text, &before[name], "{name} is fixed");
        }
        // Every comment of the file is still there, but the unused suppressions.
        let kept = |l: &&str| l.contains("# expect") && !l.contains("akslint-ignore");
        for line in before[name].lines().filter(kept) {
            let comment = &line[line.find("# expect").unwrap()..];
            assert!(text.contains(comment), "{name}: `{comment}` kept");
        }
    }
    // CRLF stays CRLF, on the inserted lines too.
    let crlf = &after["crlf.yaml"];
    assert_eq!(crlf.matches('\n').count(), crlf.matches("\r\n").count());
    assert!(crlf.contains("\r\n    securityContext:\r\n      allowPrivilegeEscalation: false\r\n"));

    let again = akslint(
        &["check", "--fix", "--unsafe-fixes", "--format", "json", "."],
        dir.path(),
        None,
    );
    assert_eq!(findings(&again.stdout), unfixable());
    assert!(stderr(&again).contains("fixed 0 findings (12 remaining)"));
    assert_eq!(
        files(dir.path()),
        after,
        "applying the fixes twice changes nothing"
    );
}

#[test]
fn fix_applies_the_safe_fixes_only() {
    let dir = copy(None);
    let before = files(dir.path());
    let o = akslint(
        &["check", "--fix", "--format", "compact", "."],
        dir.path(),
        None,
    );
    let err = stderr(&o);
    assert!(
        err.contains("fixed 4 findings (29 remaining; 17 more fixable with --unsafe-fixes)"),
        "{err}"
    );
    let after = files(dir.path());
    assert_eq!(
        after["cleanup.yaml"],
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n  labels:\n    app: shop\ndata:\n  level: info\n  mode: release # expect: AKS004\n"
    );
    for name in before.keys().filter(|n| *n != "cleanup.yaml") {
        assert_eq!(after[name], before[name], "{name}: no safe fix");
    }
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("AKS003") && !out.contains("AKS004"), "{out}");
}

/// The removed and added lines of a diff (without their `-`/`+`).
fn changed_lines(diff: &str, sign: char) -> Vec<&str> {
    diff.lines()
        .filter(|l| l.starts_with(sign) && !l.starts_with("---") && !l.starts_with("+++"))
        .map(|l| &l[1..])
        .collect()
}

#[test]
fn diff_writes_nothing_and_touches_only_the_edited_keys_lines() {
    let dir = copy(None);
    let before = files(dir.path());
    let o = akslint(
        &["check", "--diff", "--unsafe-fixes", "."],
        dir.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(files(dir.path()), before, "--diff writes nothing");
    let diff = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        diff.starts_with("--- cleanup.yaml\n+++ cleanup.yaml\n@@ "),
        "{diff}"
    );
    assert!(
        !diff.contains("flow.yaml") && !diff.contains("helm.yaml"),
        "{diff}"
    );
    assert!(stderr(&o).contains("would fix 21 findings in 3 files"));
    let keys = [
        "securityContext:",
        "allowPrivilegeEscalation: false",
        "readOnlyRootFilesystem: true",
        "capabilities:",
        "drop: [ALL]",
        "runAsNonRoot: true",
        "seccompProfile:",
        "type: RuntimeDefault",
        "automountServiceAccountToken: false",
    ];
    for added in changed_lines(&diff, '+') {
        let ok = keys
            .iter()
            .any(|k| added.trim_end_matches('\r').contains(k))
            || added == "    app: shop";
        assert!(ok, "added line `{added}`:\n{diff}");
    }
    let edited = [
        "akslint-ignore",
        "mode: debug",
        "allowPrivilegeEscalation: true",
        "readOnlyRootFilesystem: false",
        "runAsNonRoot: false",
        "type: Unconfined",
    ];
    for removed in changed_lines(&diff, '-') {
        assert!(
            edited.iter().any(|k| removed.contains(k)),
            "removed line `{removed}`:\n{diff}"
        );
    }

    // The safe fixes alone: only cleanup.yaml; once fixed, no diff and exit 0.
    let safe = akslint(&["check", "--diff", "."], dir.path(), None);
    let safe_diff = String::from_utf8(safe.stdout).unwrap();
    assert!(safe_diff.contains("cleanup.yaml") && !safe_diff.contains("crlf.yaml"));
    akslint(&["check", "--fix", "--unsafe-fixes", "."], dir.path(), None);
    let none = akslint(
        &["check", "--diff", "--unsafe-fixes", "."],
        dir.path(),
        None,
    );
    assert_eq!(none.status.code(), Some(0), "{}", stderr(&none));
    assert!(none.stdout.is_empty());
}

#[test]
fn standard_input_s_fixed_text_goes_to_standard_output() {
    let dir = copy(Some(&[]));
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  automountServiceAccountToken: true\n  containers:\n    - name: app\n      image: shop.azurecr.io/app:1.0.0\n";
    let o = akslint(
        &[
            "check",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "compact",
            "-",
            "--stdin-filename",
            "pod.yaml",
        ],
        dir.path(),
        Some(pod),
    );
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert_eq!(
        out,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  automountServiceAccountToken: false\n  containers:\n    - name: app\n      image: shop.azurecr.io/app:1.0.0\n      securityContext:\n        allowPrivilegeEscalation: false\n        capabilities:\n          drop: [ALL]\n        readOnlyRootFilesystem: true\n  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n"
    );
    let err = stderr(&o);
    assert!(
        err.contains("0 errors, 0 warnings, 0 notes"),
        "the report: {err}"
    );
    assert!(err.contains("fixed 6 findings (0 remaining)"), "{err}");
    assert_eq!(o.status.code(), Some(0));
    assert!(!dir.path().join("pod.yaml").exists(), "nothing written");
}

#[test]
fn add_ignore_suppresses_every_finding_and_each_suppression_is_used() {
    let dir = copy(Some(&["hardening.yaml", "crlf.yaml", "flow.yaml"]));
    let o = akslint(
        &[
            "check",
            "--add-ignore",
            "reviewed by the platform team",
            ".",
        ],
        dir.path(),
        None,
    );
    let err = stderr(&o);
    assert!(
        err.contains("added 10 suppressions (0 findings remaining)"),
        "{err}"
    );
    assert_eq!(o.status.code(), Some(0), "{err}");
    let after = files(dir.path());
    let hardening = &after["hardening.yaml"];
    assert!(hardening.contains(
        "\n        # akslint-ignore: AKS402, AKS404, AKS405, AKS410 -- reviewed by the platform team\n        - name: sidecar"
    ));
    assert!(hardening.contains("\n        # akslint-ignore: AKS403 -- reviewed by the platform team\n        runAsNonRoot: false"));
    assert!(after["crlf.yaml"].contains("\r\n  # akslint-ignore: AKS402, AKS403, AKS404, AKS405, AKS410 -- reviewed by the platform team\r\n  - name: app"));
    // A new lint: nothing, and no AKS003 (every comment suppresses what it names).
    let again = akslint(&["check", "--format", "json", "."], dir.path(), None);
    assert_eq!(findings(&again.stdout), Vec::new());
    assert_eq!(again.status.code(), Some(0));
}

#[test]
fn add_ignore_is_never_part_of_fix_and_needs_a_reason() {
    let dir = copy(Some(&["hardening.yaml"]));
    let o = akslint(
        &["check", "--fix", "--add-ignore", "x", "."],
        dir.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = akslint(&["check", "--add-ignore", " ", "."], dir.path(), None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn add_ignore_in_terraform() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("akslint.toml"),
        "root = true\nselect = [\"AKS208\", \"AKS207\"]\n",
    )
    .unwrap();
    let tf = "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  name     = \"aks\"\n  sku_tier = \"Free\"\n  run_command_enabled = true\n}\n";
    std::fs::write(dir.path().join("main.tf"), tf).unwrap();
    let before = akslint(&["check", "--format", "json", "."], dir.path(), None);
    assert!(!findings(&before.stdout).is_empty());
    let o = akslint(
        &["check", "--add-ignore", "dev cluster", "."],
        dir.path(),
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.path().join("main.tf")).unwrap();
    assert!(
        text.contains("  # akslint-ignore: AKS208 -- dev cluster\n  sku_tier"),
        "{text}"
    );
    let again = akslint(&["check", "--format", "json", "."], dir.path(), None);
    assert_eq!(findings(&again.stdout), Vec::new());
}

/// A Deployment that runs as ServiceAccount `web` in `shop`, with AKS402 to fix.
fn deployment(name: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: {name}\n  template:\n    metadata:\n      labels:\n        app: {name}\n    spec:\n      serviceAccountName: web\n      containers:\n        - name: app\n          image: shop.azurecr.io/{name}:1.0.0\n"
    )
}

#[test]
fn each_pass_lints_the_fixed_files_together_with_the_rest_of_the_run() {
    // No project root: the cross-file rules see what the run names, and nothing else. The
    // ServiceAccount, in a file with nothing to fix, keeps the token of both pods unmounted.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("akslint.toml"),
        "select = [\"AKS402\", \"AKS411\"]\n",
    )
    .unwrap();
    let sa = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\nautomountServiceAccountToken: false\n";
    std::fs::write(dir.path().join("sa.yaml"), sa).unwrap();
    for name in ["web", "worker"] {
        std::fs::write(dir.path().join(format!("{name}.yaml")), deployment(name)).unwrap();
    }
    // Without the ServiceAccount, each pod mounts its token (AKS411, which has an unsafe fix).
    let alone = akslint(&["check", "--format", "json", "web.yaml"], dir.path(), None);
    assert_eq!(
        findings(&alone.stdout),
        vec![
            ("web.yaml".to_string(), 14, "AKS411".to_string()),
            ("web.yaml".to_string(), 17, "AKS402".to_string()),
        ]
    );

    let o = akslint(
        &["check", "--fix", "--unsafe-fixes", "--format", "json", "."],
        dir.path(),
        None,
    );
    let err = stderr(&o);
    assert!(err.contains("fixed 2 findings (0 remaining)"), "{err}");
    assert_eq!(o.status.code(), Some(0), "{err}");
    let after = files(dir.path());
    assert_eq!(after["sa.yaml"], sa);
    for name in ["web", "worker"] {
        let want = deployment(name)
            + "          securityContext:\n            allowPrivilegeEscalation: false\n";
        assert_eq!(
            after[&format!("{name}.yaml")],
            want,
            "{name}.yaml: AKS402 fixed, and no token setting for a finding that was never there"
        );
    }
}
