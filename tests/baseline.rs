//! Baselines from the command line, in throwaway projects (a `.git` directory marks the root):
//! `akslint baseline` records the findings, `check --baseline` reports only new ones — across
//! inserted lines and reordered documents and containers — counts stale entries in one line
//! only where the run judged, `baseline --update` only removes, and the cache changes nothing.

use std::path::Path;
use std::process::{Command, Output};

fn akslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_akslint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// One container (`name`), privileged or not.
fn container(name: &str, privileged: bool) -> String {
    format!(
        "        - name: {name}\n          image: nginx:1.25\n          securityContext:\n            privileged: {privileged}\n"
    )
}

fn deployment(name: &str, containers: &[String]) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n{}",
        containers.concat()
    )
}

/// A project (AKS401 only) with `files`.
fn project(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(
        dir.path().join("akslint.toml"),
        "select = [\"AKS401\"]\nbaseline = \".akslint-baseline.json\"\n",
    )
    .unwrap();
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn baseline_json(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join(".akslint-baseline.json")).unwrap()).unwrap()
}

/// The compact lines of a check, without the summary.
fn findings(o: &Output) -> Vec<String> {
    out(o)
        .lines()
        .filter(|l| l.contains(": error ") || l.contains(": warning ") || l.contains(": note "))
        .map(str::to_string)
        .collect()
}

fn check(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--format", "compact"];
    args.extend_from_slice(extra);
    akslint(dir, &args)
}

fn two_deployments() -> String {
    format!(
        "{}---\n{}",
        deployment("web", &[container("app", true), container("log", false)]),
        deployment("api", &[container("api", true)])
    )
}

#[test]
fn findings_survive_inserted_lines_and_reordered_documents() {
    let p = project(&[("k8s/app.yaml", two_deployments())]);
    let d = p.path();
    let o = akslint(d, &["baseline"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(err(&o).contains("2 findings in 2 entries"), "{}", err(&o));
    let b = baseline_json(d);
    assert_eq!(b["version"], 1);
    let entries = b["findings"].as_array().unwrap();
    assert_eq!(entries[0]["path"], "k8s/app.yaml");
    assert_eq!(
        entries[1]["locator"],
        "spec.template.spec.containers[app].securityContext.privileged"
    );
    // Lines above, the documents swapped, the containers of `web` reordered.
    let moved = format!(
        "# a comment\n# another\n{}---\n{}",
        deployment("api", &[container("api", true)]),
        deployment("web", &[container("log", false), container("app", true)]),
    );
    write(d, "k8s/app.yaml", &moved);
    let o = check(d, &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    assert!(findings(&o).is_empty(), "{}", out(&o));
    assert!(!err(&o).contains("baseline"), "{}", err(&o));
    // Without the baseline they are all there.
    let o = check(d, &["--baseline", "/dev/null"]);
    assert_eq!(o.status.code(), Some(2), "an empty file is no baseline");
    write(d, "akslint.toml", "select = [\"AKS401\"]\n");
    assert_eq!(findings(&check(d, &[])).len(), 2);
}

#[test]
fn a_new_violation_in_a_second_container_is_reported() {
    let p = project(&[(
        "app.yaml",
        deployment("web", &[container("app", true), container("log", false)]),
    )]);
    let d = p.path();
    assert_eq!(akslint(d, &["baseline"]).status.code(), Some(0));
    write(
        d,
        "app.yaml",
        &deployment("web", &[container("app", true), container("log", true)]),
    );
    let o = check(d, &[]);
    assert_eq!(o.status.code(), Some(1));
    let f = findings(&o);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].contains("AKS401") && f[0].contains("`log`"), "{f:?}");
    assert!(
        out(&o).contains("1 error"),
        "the summary counts what is shown"
    );
}

#[test]
fn the_same_finding_twice_is_counted_twice() {
    // One template rendered into two files: the same fingerprint twice.
    let rendered = format!(
        "---\n# Source: chart/templates/web.yaml\n{}",
        deployment("web", &[container("app", true)])
    );
    let p = project(&[("a.yaml", rendered.clone()), ("b.yaml", rendered.clone())]);
    let d = p.path();
    assert_eq!(akslint(d, &["baseline"]).status.code(), Some(0));
    let b = baseline_json(d);
    assert_eq!(b["findings"].as_array().unwrap().len(), 1);
    assert_eq!(b["findings"][0]["count"], 2);
    assert_eq!(b["findings"][0]["path"], "chart/templates/web.yaml");
    write(d, "c.yaml", &rendered);
    let f = findings(&check(d, &[]));
    assert_eq!(f.len(), 1, "a third is new: {f:?}");
}

#[test]
fn baseline_refuses_to_overwrite_and_update_only_removes() {
    let p = project(&[("app.yaml", two_deployments())]);
    let d = p.path();
    assert_eq!(akslint(d, &["baseline"]).status.code(), Some(0));
    let first = std::fs::read(d.join(".akslint-baseline.json")).unwrap();
    let o = akslint(d, &["baseline"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("--force"), "{}", err(&o));
    assert_eq!(
        std::fs::read(d.join(".akslint-baseline.json")).unwrap(),
        first
    );
    // `web/app` fixed, `web/log` broken: the update removes the first and does not add the
    // second.
    let fixed = format!(
        "{}---\n{}",
        deployment("web", &[container("app", false), container("log", true)]),
        deployment("api", &[container("api", true)])
    );
    write(d, "app.yaml", &fixed);
    let o = akslint(d, &["baseline", "--update"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let entries = baseline_json(d)["findings"].as_array().unwrap().clone();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["object"], "Deployment shop/api");
    let o = check(d, &[]);
    assert_eq!(findings(&o).len(), 1);
    assert!(findings(&o)[0].contains("`log`"));
    // --force records today's findings.
    assert_eq!(akslint(d, &["baseline", "--force"]).status.code(), Some(0));
    assert_eq!(baseline_json(d)["findings"].as_array().unwrap().len(), 2);
    assert!(findings(&check(d, &[])).is_empty());
    // --update without a baseline is an error.
    std::fs::remove_file(d.join(".akslint-baseline.json")).unwrap();
    assert_eq!(akslint(d, &["baseline", "--update"]).status.code(), Some(2));
}

#[test]
fn stale_entries_are_one_line_and_only_where_the_run_judged() {
    let p = project(&[
        ("a.yaml", deployment("a", &[container("app", true)])),
        ("b.yaml", deployment("b", &[container("app", true)])),
    ]);
    let d = p.path();
    assert_eq!(akslint(d, &["baseline"]).status.code(), Some(0));
    write(d, "b.yaml", &deployment("b", &[container("app", false)]));
    let o = check(d, &[]);
    assert_eq!(o.status.code(), Some(0), "stale entries do not fail");
    let stderr = err(&o);
    let stale: Vec<&str> = stderr.lines().filter(|l| l.contains("baseline")).collect();
    assert_eq!(stale.len(), 1, "{}", err(&o));
    assert!(
        stale[0].contains("1 baseline finding no longer found"),
        "{stale:?}"
    );
    // A run on a.yaml alone, or of other rules, did not judge b.yaml's entry.
    for partial in [&["a.yaml"][..], &["--select", "AKS402"][..]] {
        let o = check(d, partial);
        assert_eq!(o.status.code(), Some(0));
        assert!(!err(&o).contains("baseline"), "{partial:?}: {}", err(&o));
    }
    // Neither does the ratchet remove it on such a run.
    assert_eq!(
        akslint(d, &["baseline", "--update", "a.yaml"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(baseline_json(d)["findings"].as_array().unwrap().len(), 2);
    assert_eq!(akslint(d, &["baseline", "--update"]).status.code(), Some(0));
    assert_eq!(baseline_json(d)["findings"].as_array().unwrap().len(), 1);
    assert!(!err(&check(d, &[])).contains("baseline"));
}

#[test]
fn fingerprints_do_not_depend_on_the_cache_or_the_current_directory() {
    let p = project(&[("k8s/app.yaml", two_deployments())]);
    let d = p.path();
    // No `baseline` in the config: `akslint baseline` writes at the project root.
    write(d, "akslint.toml", "select = [\"AKS401\"]\n");
    let fingerprints = |dir: &Path, args: &[&str]| {
        let mut all = vec!["check", "--format", "json", "--fail-on", "never"];
        all.extend_from_slice(args);
        let v: serde_json::Value = serde_json::from_slice(&akslint(dir, &all).stdout).unwrap();
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["fingerprint"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let cold = fingerprints(d, &[]);
    assert!(d.join(".akslint_cache").is_dir());
    let warm = fingerprints(d, &[]);
    let none = fingerprints(d, &["--no-cache"]);
    let below = fingerprints(&d.join("k8s"), &["--no-cache", "app.yaml"]);
    let o = akslint(&d.join("k8s"), &["baseline"]);
    assert!(err(&o).contains("wrote /"), "at the root: {}", err(&o));
    assert_eq!(cold.len(), 2);
    assert_eq!(cold, warm);
    assert_eq!(cold, none);
    assert_eq!(cold, below);
    // A baseline written by a cached run serves an uncached one, and the reverse.
    assert_eq!(akslint(d, &["baseline", "--force"]).status.code(), Some(0));
    let cached = std::fs::read(d.join(".akslint-baseline.json")).unwrap();
    assert_eq!(
        akslint(d, &["baseline", "--force", "--no-cache"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        std::fs::read(d.join(".akslint-baseline.json")).unwrap(),
        cached
    );
    let o = check(d, &["--no-cache", "--baseline", ".akslint-baseline.json"]);
    assert!(findings(&o).is_empty(), "{}", out(&o));
}

#[test]
fn terraform_findings_have_fingerprints_too() {
    let tf =
        "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  local_account_disabled = false\n}\n";
    let p = project(&[("infra/main.tf", tf.to_string())]);
    let d = p.path();
    write(d, "akslint.toml", "baseline = \".akslint-baseline.json\"\n");
    assert_eq!(akslint(d, &["baseline"]).status.code(), Some(0));
    let b = baseline_json(d);
    let entries = b["findings"].as_array().unwrap();
    assert!(!entries.is_empty());
    assert!(entries.iter().all(|e| e["path"] == "infra/main.tf"));
    assert!(
        entries
            .iter()
            .any(|e| e["object"] == "azurerm_kubernetes_cluster.main"
                && e["locator"] == "local_account_disabled"),
        "{entries:?}"
    );
    write(d, "infra/main.tf", &format!("# moved\n\n{tf}"));
    let o = check(d, &[]);
    assert!(findings(&o).is_empty(), "{}", out(&o));
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_deleted_file_leaves_stale_entries_when_its_directory_was_walked() {
    let p = project(&[
        ("k8s/a.yaml", deployment("a", &[container("app", true)])),
        ("k8s/b.yaml", deployment("b", &[container("app", true)])),
        ("other/c.yaml", deployment("c", &[container("app", true)])),
    ]);
    let d = p.path();
    assert_eq!(akslint(d, &["baseline"]).status.code(), Some(0));
    std::fs::remove_file(d.join("k8s/b.yaml")).unwrap();
    std::fs::remove_file(d.join("other/c.yaml")).unwrap();
    // `k8s/` was walked: b.yaml's entry is stale; other/ was not.
    let o = check(d, &["k8s"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        err(&o).contains("1 baseline finding no longer found"),
        "{}",
        err(&o)
    );
    let o = check(d, &["k8s/a.yaml"]);
    assert!(!err(&o).contains("baseline"), "{}", err(&o));
    let o = check(d, &[]);
    assert!(
        err(&o).contains("2 baseline findings no longer found"),
        "{}",
        err(&o)
    );
    assert_eq!(
        akslint(d, &["baseline", "--update", "k8s"]).status.code(),
        Some(0)
    );
    let entries = baseline_json(d)["findings"].as_array().unwrap().clone();
    let paths: Vec<&str> = entries
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["k8s/a.yaml", "other/c.yaml"]);
}

/// A finding about a suppression has the same fingerprint whether it is settled with its file
/// (`--no-context`) or after the cross-file rules (its text and tree gone by then).
#[test]
fn suppression_findings_match_with_and_without_context() {
    let text = deployment("web", &[container("app", false)]).replace(
        "privileged: false",
        "privileged: false  # akslint-ignore: AKS401 -- reviewed",
    );
    let p = project(&[("app.yaml", text)]);
    let d = p.path();
    write(
        d,
        "akslint.toml",
        "select = [\"AKS401\", \"AKS003\", \"AKS303\"]\n",
    );
    let of = |args: &[&str]| {
        let mut all = vec!["check", "--format", "json", "--fail-on", "never"];
        all.extend_from_slice(args);
        let v: serde_json::Value = serde_json::from_slice(&akslint(d, &all).stdout).unwrap();
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "AKS003")
            .map(|d| (d["locator"].clone(), d["fingerprint"].clone()))
            .collect::<Vec<_>>()
    };
    let with = of(&[]);
    assert_eq!(with.len(), 1, "{with:?}");
    assert_eq!(with[0].0, "suppression AKS401");
    assert_eq!(with, of(&["--no-context"]));
}
