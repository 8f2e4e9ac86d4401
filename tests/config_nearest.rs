//! Which `akslint.toml` applies, from the command line: the nearest one to each linted file
//! (whatever the current directory), a nested one in place of its parent for its subtree (its
//! globs relative to itself), `--config` over all of them, a broken one an error naming it, the
//! config of the name standard input is shown under, `--verbose` saying which applied where; the
//! cross-file rules still see the whole project, each finding judged by its own file's config;
//! the same bytes on 1 and 2 threads, and with the cache.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// `file:line rule` of each finding (compact output), in output order; the path relative to
/// `base` when it is under it.
fn findings(o: &Output, base: &Path) -> Vec<String> {
    assert!(
        o.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let prefix = format!("{}/", base.display());
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .filter(|l| !l.ends_with("objects)") && !l.ends_with("object)"))
        .map(|l| {
            let l = l.strip_prefix(&prefix).unwrap_or(l);
            let mut parts = l.splitn(3, ':');
            let (file, line) = (parts.next().unwrap(), parts.next().unwrap());
            let rule = l.split(' ').nth(2).unwrap();
            format!("{file}:{line} {rule}")
        })
        .collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A pod that breaks AKS401 (line 10) and AKS403 (line 8), in namespace `ns`.
fn pod(ns: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: {ns}\nspec:\n  containers:\n    - name: a\n      securityContext:\n        privileged: true\n"
    )
}

/// A tree with a config at the top (AKS401 only) and one in `nested/` (AKS403 only).
fn nested_tree(d: &Path) {
    write(
        d,
        &[
            ("akslint.toml", "select = [\"AKS401\"]\n"),
            ("top.yaml", &pod("a")),
            ("nested/akslint.toml", "select = [\"AKS403\"]\n"),
            ("nested/deeper/low.yaml", &pod("a")),
        ],
    );
}

#[test]
fn the_projects_config_applies_from_another_directory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("project");
    write(
        &d,
        &[
            (
                "akslint.toml",
                "select = [\"AKS401\"]\nexclude = [\"gen/\"]\n",
            ),
            ("app.yaml", &pod("a")),
            ("gen/out.yaml", &pod("a")),
        ],
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let abs = d.to_str().unwrap();
    let o = common::akslint(
        &["check", "--format", "compact", abs],
        elsewhere.path(),
        None,
    );
    assert_eq!(findings(&o, &d), ["app.yaml:10 AKS401"]);
    // Relative, with `..`: the same config, the same globs.
    let o = common::akslint(
        &["check", "--format", "compact", ".."],
        &d.join("gen"),
        None,
    );
    assert_eq!(findings(&o, &d), ["../app.yaml:10 AKS401"]);
    // Two levels up and down again (`../../project/app.yaml` from `elsewhere/a/b`): once every
    // `..` but the first was lost, so the file went by the defaults.
    let deep = dir.path().join("elsewhere/a");
    std::fs::create_dir_all(&deep).unwrap();
    let o = common::akslint(
        &["check", "--format", "compact", "../../project/app.yaml"],
        &deep,
        None,
    );
    assert_eq!(findings(&o, &d), ["../../project/app.yaml:10 AKS401"]);
}

#[test]
fn a_nested_config_replaces_its_parent_for_its_subtree() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    nested_tree(d);
    let want = ["nested/deeper/low.yaml:8 AKS403", "top.yaml:10 AKS401"];
    let o = common::akslint(&["check", "--format", "compact", "."], d, None);
    assert_eq!(findings(&o, d), want);
    // Named files, and from inside the nested folder: the same configs.
    let o = common::akslint(
        &[
            "check",
            "--format",
            "compact",
            "top.yaml",
            "nested/deeper/low.yaml",
        ],
        d,
        None,
    );
    assert_eq!(findings(&o, d), want);
    let o = common::akslint(
        &["check", "--format", "compact", "."],
        &d.join("nested"),
        None,
    );
    assert_eq!(findings(&o, d), ["deeper/low.yaml:8 AKS403"]);
    // The command line's selection applies to every config.
    let o = common::akslint(
        &["check", "--format", "compact", "--ignore", "AKS403", "."],
        d,
        None,
    );
    assert_eq!(findings(&o, d), ["top.yaml:10 AKS401"]);
}

#[test]
fn config_overrides_every_nearest_config() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    nested_tree(d);
    write(d, &[("other.toml", "select = [\"AKS401\"]\n")]);
    let o = common::akslint(
        &[
            "check",
            "--format",
            "compact",
            "--config",
            "other.toml",
            ".",
        ],
        d,
        None,
    );
    assert_eq!(
        findings(&o, d),
        ["nested/deeper/low.yaml:10 AKS401", "top.yaml:10 AKS401"]
    );
    let o = common::akslint(
        &["check", "--verbose", "--config", "other.toml", "."],
        d,
        None,
    );
    assert!(
        stderr(&o).contains("config other.toml (--config) applies to every file (2)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_nested_configs_globs_are_relative_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        &[
            // The parent's exclude does not reach into a folder with a config of its own.
            (
                "akslint.toml",
                "select = [\"AKS401\"]\nexclude = [\"sub/keep/\"]\n",
            ),
            (
                "sub/akslint.toml",
                "select = [\"AKS401\", \"AKS403\"]\nexclude = [\"vendor/\"]\n\n[[per-path]]\npaths = [\"legacy/**\"]\nignore = [\"AKS403\"]\n",
            ),
            ("sub/vendor/v.yaml", &pod("a")),
            ("sub/legacy/old.yaml", &pod("a")),
            ("sub/keep/k.yaml", &pod("a")),
            ("vendor/top.yaml", &pod("a")),
        ],
    );
    let o = common::akslint(&["check", "--format", "compact", "."], d, None);
    assert_eq!(
        findings(&o, d),
        [
            "sub/keep/k.yaml:8 AKS403",
            "sub/keep/k.yaml:10 AKS401",
            "sub/legacy/old.yaml:10 AKS401",
            "vendor/top.yaml:10 AKS401",
        ]
    );
    // `--force-exclude` applies a named file's own config's `exclude`.
    let o = common::akslint(
        &[
            "check",
            "--format",
            "compact",
            "--force-exclude",
            "sub/vendor/v.yaml",
            "vendor/top.yaml",
        ],
        d,
        None,
    );
    assert_eq!(findings(&o, d), ["vendor/top.yaml:10 AKS401"]);
}

#[test]
fn a_broken_nested_config_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    nested_tree(d);
    write(
        d,
        &[(
            "nested/akslint.toml",
            "select = [\"AKS403\"]\nselcet = []\n",
        )],
    );
    let o = common::akslint(&["check", "."], d, None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("nested/akslint.toml") && err.contains("selcet") && err.contains("line 2"),
        "{err}"
    );
    assert!(o.stdout.is_empty(), "nothing is reported");
    // A folder the run does not reach does not matter.
    let o = common::akslint(&["check", "top.yaml"], d, None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn standard_input_takes_the_config_of_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    nested_tree(d);
    let p = pod("a");
    for (name, want) in [
        (
            "nested/deeper/buffer.yaml",
            "nested/deeper/buffer.yaml:8 AKS403",
        ),
        (
            "nested/not-there/buffer.yaml",
            "nested/not-there/buffer.yaml:8 AKS403",
        ),
        ("buffer.yaml", "buffer.yaml:10 AKS401"),
        ("<stdin>", "<stdin>:10 AKS401"),
    ] {
        let o = common::akslint(
            &[
                "check",
                "--format",
                "compact",
                "--stdin-filename",
                name,
                "-",
            ],
            d,
            Some(&p),
        );
        assert_eq!(findings(&o, d), [want], "{name}");
    }
}

#[test]
fn verbose_says_which_config_applied_where() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    nested_tree(d);
    write(
        d,
        &[
            ("nested/deeper/b.yaml", &pod("b")),
            ("nested/c.yaml", &pod("c")),
        ],
    );
    write(d, &[("nested/deeper/d.yaml", &pod("d"))]);
    let o = common::akslint(&["check", "--verbose", "."], d, None);
    let err = stderr(&o);
    assert!(
        err.contains("akslint: config akslint.toml applies to 1 file: top.yaml\n"),
        "{err}"
    );
    assert!(
        err.contains("akslint: config nested/akslint.toml applies to 4 files: nested/c.yaml, nested/deeper/b.yaml, nested/deeper/d.yaml and 1 more\n"),
        "{err}"
    );
    let none = tempfile::tempdir().unwrap();
    write(none.path(), &[("a.yaml", &pod("a"))]);
    let o = common::akslint(&["check", "--verbose", "."], none.path(), None);
    assert!(
        stderr(&o).contains("akslint: no akslint.toml (the defaults) applies to 1 file: a.yaml"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_file(none.path().join("a.yaml")).unwrap();
    let o = common::akslint(&["check", "--verbose", "."], none.path(), None);
    assert!(
        stderr(&o).contains("akslint: no akslint.toml (the defaults) applies to no file"),
        "{}",
        stderr(&o)
    );
}

/// A project (`root = true`) with a folder of its own config: the cross-file rules read the
/// whole project, and each finding is judged by the config of the file it is in.
#[test]
fn cross_file_rules_see_the_whole_project_under_each_config() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let deny = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: a\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n";
    write(
        d,
        &[
            (
                "akslint.toml",
                "root = true\nselect = [\"AKS301\", \"AKS302\"]\n",
            ),
            ("app.yaml", &pod("a")),
            ("team-b.yaml", &pod("b")),
            ("policies/akslint.toml", "select = [\"AKS401\"]\n"),
            ("policies/deny.yaml", deny),
            ("policies/pod.yaml", &pod("c")),
        ],
    );
    // The policy under `policies/` covers namespace `a`; namespace `b` has none; the pod of
    // namespace `c` is judged by `policies/akslint.toml`, which does not run AKS301/AKS302.
    let want = [
        "policies/pod.yaml:10 AKS401",
        "team-b.yaml:2 AKS301",
        "team-b.yaml:2 AKS302",
    ];
    let o = common::akslint(&["check", "--format", "compact", "."], d, None);
    assert_eq!(findings(&o, d), want);
    // Naming one file: the rest of the project is still its context.
    let o = common::akslint(&["check", "--format", "compact", "app.yaml"], d, None);
    assert_eq!(findings(&o, d), Vec::<String>::new());
    // The cache (at the project root) serves each file under its own config's settings: a
    // second run is the same, and a change of the nested config changes its files' findings.
    let o = common::akslint(&["check", "--format", "compact", "."], d, None);
    assert_eq!(findings(&o, d), want);
    write(d, &[("policies/akslint.toml", "select = [\"AKS403\"]\n")]);
    let o = common::akslint(&["check", "--format", "compact", "."], d, None);
    assert_eq!(
        findings(&o, d),
        [
            "policies/pod.yaml:8 AKS403",
            "team-b.yaml:2 AKS301",
            "team-b.yaml:2 AKS302"
        ]
    );
}

#[test]
fn output_is_the_same_on_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for i in 0..12 {
        let sub = format!("t{}", i % 4);
        write(
            d,
            &[
                (
                    &format!("{sub}/akslint.toml"),
                    &format!("select = [\"AKS4\"]\nignore = [\"AKS41{}\"]\n", i % 4 + 1),
                ),
                (&format!("{sub}/p{i}.yaml"), &pod(&format!("n{i}"))),
            ],
        );
    }
    let run = |threads: &str| {
        let o = common::akslint(
            &[
                "check",
                "--format",
                "json",
                "--no-cache",
                "--threads",
                threads,
                ".",
            ],
            d,
            None,
        );
        assert!(o.status.code().is_some_and(|c| c < 2), "{}", stderr(&o));
        o.stdout
    };
    let one = run("1");
    assert!(one.len() > 1000);
    for _ in 0..3 {
        assert_eq!(run("2"), one);
    }
}

/// The fixtures of `testdata/`, each folder with its own `akslint.toml`: every finding `check
/// testdata/` reports is one their `# expect:` annotations expect (some expected ones are missing:
/// the cross-file rules see every fixture of the repository as one project there, while the
/// fixture harness lints each folder alone). Params and limits of the folders' configs apply.
#[test]
fn testdata_honours_each_folders_config() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = common::akslint(
        &[
            "check",
            "--format",
            "compact",
            "--fail-on",
            "never",
            "testdata/",
        ],
        root,
        None,
    );
    let got = findings(&o, root);
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    let mut dirs = vec![root.join("testdata")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if common::is_fixture(&p) {
                let name = p.strip_prefix(root).unwrap().display().to_string();
                for (line, rule) in common::expectations(&p) {
                    *expected.entry(format!("{name}:{line} {rule}")).or_default() += 1;
                }
            }
        }
    }
    let total: usize = expected.values().sum();
    let mut unexpected = Vec::new();
    for g in &got {
        match expected.get_mut(g) {
            Some(n) if *n > 0 => *n -= 1,
            _ => unexpected.push(g),
        }
    }
    assert!(unexpected.is_empty(), "not expected: {unexpected:?}");
    let missing: usize = expected.values().sum();
    assert!(
        got.len() > 800 && missing * 10 < total,
        "{} reported, {missing} of {total} expected missing",
        got.len()
    );
    // `[limits] depth = 5` of bad-input/limits, `[rules.AKS603]` of custom-allowlist.
    for line in [
        "testdata/bad-input/limits/deep.yaml:10 AKS002",
        "testdata/k8s/AKS603/custom-allowlist/bad.yaml:18 AKS603",
    ] {
        assert!(got.iter().any(|g| g == line), "{line} missing");
    }
}

/// The project is read for context when the config of a named file runs a cross-file rule, not
/// because the defaults (every rule) would: a named file under a config without any reads
/// nothing else (one file through the cache).
#[test]
fn context_is_read_for_the_configs_in_use_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        &[
            ("akslint.toml", "root = true\nselect = [\"AKS401\"]\n"),
            ("a.yaml", &pod("a")),
            ("b.yaml", &pod("b")),
            ("c.yaml", &pod("c")),
        ],
    );
    let files_read = |d: &Path| {
        let o = Command::new(env!("CARGO_BIN_EXE_akslint"))
            .args(["check", "a.yaml"])
            .current_dir(d)
            .env("AKSLINT_CACHE_STATS", "1")
            .output()
            .unwrap();
        let err = stderr(&o);
        let line = err
            .lines()
            .find_map(|l| l.strip_prefix("akslint cache: "))
            .unwrap_or_else(|| panic!("{err}"))
            .to_string();
        line.split(' ')
            .filter_map(|kv| kv.split_once('='))
            .filter(|(k, _)| ["hits", "verified", "partial", "misses"].contains(k))
            .map(|(_, v)| v.parse::<usize>().unwrap())
            .sum::<usize>()
    };
    assert_eq!(files_read(d), 1);
    write(
        d,
        &[(
            "akslint.toml",
            "root = true\nselect = [\"AKS401\", \"AKS303\"]\n",
        )],
    );
    assert_eq!(files_read(d), 3);
}

/// What stands for the whole run (SARIF's `helpUri` base) is the config of the first path
/// named, found from anywhere.
#[test]
fn sarif_docs_url_comes_from_the_named_projects_config() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("project");
    write(
        &d,
        &[
            (
                "akslint.toml",
                "select = [\"AKS401\"]\ndocs-url = \"https://example.com/rules/\"\n",
            ),
            ("app.yaml", &pod("a")),
        ],
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let o = common::akslint(
        &["check", "--format", "sarif", d.to_str().unwrap()],
        elsewhere.path(),
        None,
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("https://example.com/rules/AKS401.md"), "{out}");
}
