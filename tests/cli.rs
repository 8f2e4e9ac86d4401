//! The binary: exit codes, stdin, subcommands, config errors, determinism and golden output.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn akslint(args: &[&str], cwd: &Path, stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_akslint"));
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(s) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      securityContext:\n        privileged: true\n";

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("akslint.toml"), "select = [\"AKS401\"]\n").unwrap();
    std::fs::write(dir.path().join("bad.yaml"), POD).unwrap();
    std::fs::write(dir.path().join("good.yaml"), POD.replace("true", "false")).unwrap();
    let d = dir.path();
    assert_eq!(
        akslint(&["check", "good.yaml"], d, None).status.code(),
        Some(0)
    );
    assert_eq!(
        akslint(&["check", "bad.yaml"], d, None).status.code(),
        Some(1)
    );
    assert_eq!(
        akslint(&["bad.yaml", "--fail-on", "never"], d, None)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        akslint(&["bad.yaml", "--fail-on", "error"], d, None)
            .status
            .code(),
        Some(1)
    );
    let missing = akslint(&["check", "nope.yaml"], d, None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.yaml"));
    assert_eq!(
        akslint(&["check", "--format", "nope", "."], d, None)
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn bad_config_is_a_usage_error_with_the_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("akslint.toml"),
        "select = [\"AKS401\"]\nselcet = []\n",
    )
    .unwrap();
    let o = akslint(&["check", "."], dir.path(), None);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("selcet") && err.contains("line 2"), "{err}");
    std::fs::write(dir.path().join("akslint.toml"), "ignore = [\"AKS999\"]\n").unwrap();
    assert_eq!(
        akslint(&["check", "."], dir.path(), None).status.code(),
        Some(2)
    );
}

#[test]
fn stdin_with_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let o = akslint(
        &[
            "check",
            "-",
            "--stdin-filename",
            "k8s/pod.yaml",
            "--format",
            "compact",
        ],
        dir.path(),
        Some(POD),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("k8s/pod.yaml:9:9: error AKS401"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn rules_and_explain() {
    let o = akslint(&["rules"], &root(), None);
    assert!(stdout(&o).contains("AKS401  privileged-container"));
    let o = akslint(&["explain", "privileged-container"], &root(), None);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("## Bad example"));
    assert_eq!(
        akslint(&["explain", "AKS999"], &root(), None).status.code(),
        Some(2)
    );
}

#[test]
fn output_is_identical_at_any_thread_count() {
    let r = root();
    let one = akslint(
        &["check", "--format", "json", "--threads", "1", "testdata"],
        &r,
        None,
    );
    let two = akslint(
        &["check", "--format", "json", "--threads", "2", "testdata"],
        &r,
        None,
    );
    let four = akslint(
        &["check", "--format", "json", "--threads", "4", "testdata"],
        &r,
        None,
    );
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, four.stdout);
}

/// Golden output per format; `AKSLINT_BLESS=1 cargo test --test cli` rewrites them.
#[test]
fn golden_outputs() {
    let r = root();
    let mut failures = Vec::new();
    for format in [
        "text",
        "compact",
        "json",
        "sarif",
        "github",
        "junit",
        "checkstyle",
        "azure",
        "gitlab",
    ] {
        let o = akslint(
            &[
                "check",
                "--format",
                format,
                "--config",
                "testdata/cases/golden/akslint.toml",
                "testdata/cases/golden",
            ],
            &r,
            None,
        );
        assert_eq!(
            o.status.code(),
            Some(1),
            "{format}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let path = r.join("tests/golden").join(format!("golden.{format}"));
        let got = stdout(&o);
        if std::env::var_os("AKSLINT_BLESS").is_some() {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            failures.push(format!("{format} differs from {}:\n{got}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// What every rule says, and where: `akslint check --format compact --fail-on never testdata/`
/// (every rule on) pinned line by line, messages and columns included, which the fixture harness
/// does not compare. `AKSLINT_BLESS=1 cargo test --test cli` rewrites it; review the diff.
#[test]
fn testdata_snapshot() {
    let r = root();
    let o = akslint(
        &[
            "check",
            "--format",
            "compact",
            "--fail-on",
            "never",
            "testdata/",
        ],
        &r,
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let path = r.join("tests/golden/testdata.compact");
    let got = stdout(&o);
    if std::env::var_os("AKSLINT_BLESS").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    if got == want {
        return;
    }
    let g: std::collections::BTreeSet<&str> = got.lines().collect();
    let w: std::collections::BTreeSet<&str> = want.lines().collect();
    let gone: Vec<&&str> = w.difference(&g).take(20).collect();
    let new: Vec<&&str> = g.difference(&w).take(20).collect();
    panic!(
        "{} differs ({} lines now, {} pinned); `AKSLINT_BLESS=1 cargo test --test cli testdata_snapshot` \
         rewrites it.\nfirst lines gone:\n  {}\nfirst lines new:\n  {}",
        path.display(),
        g.len(),
        w.len(),
        gone.iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n  "),
        new.iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n  "),
    );
}

#[test]
fn json_contract_shape() {
    let o = akslint(
        &[
            "check",
            "--format",
            "json",
            "--config",
            "testdata/cases/golden/akslint.toml",
            "testdata/cases/golden",
        ],
        &root(),
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let keys: Vec<&str> = v["diagnostics"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "rule",
            "name",
            "severity",
            "message",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "object",
            "source",
            "help",
            "related",
            "locator",
            "fingerprint"
        ]
    );
    let dup = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "AKS004")
        .unwrap();
    assert_eq!(dup["related"][0]["line"], 21);
    assert_eq!(dup["source"], "shop/templates/config.yaml");
    let blob = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "AKS001")
        .unwrap();
    assert_eq!(
        (blob["line"].as_u64(), blob["column"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(v["summary"]["by_severity"]["error"], 2);
}

/// `--threads` is bounded: each worker is an OS thread with an 8 MiB stack, and 100,000 of them
/// take minutes to start. Above the maximum the command line is rejected (exit 2), never clamped
/// silently.
#[test]
fn threads_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pod.yaml"), POD).unwrap();
    let max = akslint::engine::MAX_THREADS.to_string();
    let o = akslint(&["check", "--threads", &max, "pod.yaml"], dir.path(), None);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let over = (akslint::engine::MAX_THREADS + 1).to_string();
    for n in [over.as_str(), "100000"] {
        let o = akslint(&["check", "--threads", n, "pod.yaml"], dir.path(), None);
        assert_eq!(o.status.code(), Some(2), "--threads {n}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("--threads") && err.contains(&max), "{err}");
    }
}

/// `check` of standard input shown as `infra/main.tf`, in compact output.
const STDIN_MAIN_TF: [&str; 6] = [
    "check",
    "-",
    "--stdin-filename",
    "infra/main.tf",
    "--format",
    "compact",
];

/// Standard input is classified by its name, as a file is: `main.tf` is Terraform (that file of
/// its directory's module, its local children read relative to the name), never parsed as YAML.
#[test]
fn stdin_named_like_terraform_is_terraform() {
    let dir = tempfile::tempdir().unwrap();
    let tf =
        "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  local_account_disabled = false\n}\n";
    let args = STDIN_MAIN_TF;
    let o = akslint(&args, dir.path(), Some(tf));
    let out = stdout(&o);
    assert!(
        out.contains("infra/main.tf:2:3: error AKS101"),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!out.contains("AKS001"), "{out}");
    let child = dir.path().join("infra/modules/aks");
    std::fs::create_dir_all(&child).unwrap();
    std::fs::write(child.join("main.tf"), tf).unwrap();
    let caller = "module \"aks\" {\n  source = \"./modules/aks\"\n}\n";
    let out = stdout(&akslint(&args, dir.path(), Some(caller)));
    assert!(
        out.contains("infra/modules/aks/main.tf:2:3: error AKS101"),
        "the child is read from disk, through its caller: {out}"
    );
    let broken = akslint(
        &args,
        dir.path(),
        Some("resource \"a\" \"b\" {\n  x = \n}\n"),
    );
    let out = stdout(&broken);
    assert!(
        out.starts_with("infra/main.tf:2:7: error AKS001") && !out.contains("YAML"),
        "an HCL error at its position: {out}"
    );
}

/// A Terraform buffer on standard input (an editor's unsaved `main.tf`) stands in for its file
/// in its directory's module: judged with its siblings' variables, tfvars and diagnostic
/// settings, while what the siblings themselves hold is not reported.
#[test]
fn stdin_terraform_is_judged_in_its_module() {
    let dir = tempfile::tempdir().unwrap();
    let infra = dir.path().join("infra");
    std::fs::create_dir_all(&infra).unwrap();
    let files = [
        // On disk, replaced by the buffer.
        ("main.tf", "# an older version\n"),
        (
            "variables.tf",
            "variable \"channel\" {\n  type    = string\n  default = \"patch\"\n}\n",
        ),
        ("terraform.tfvars", "channel = \"none\"\n"),
        (
            "monitoring.tf",
            "resource \"azurerm_monitor_diagnostic_setting\" \"aks\" {\n  name                       = \"audit\"\n  target_resource_id         = azurerm_kubernetes_cluster.aks.id\n  log_analytics_workspace_id = \"/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w\"\n  enabled_log {\n    category = \"kube-audit\"\n  }\n  enabled_log {\n    category = \"kube-apiserver\"\n  }\n  enabled_log {\n    category = \"kube-controller-manager\"\n  }\n}\n",
        ),
        (
            "other.tf",
            "resource \"azurerm_kubernetes_cluster\" \"other\" {\n  local_account_disabled = false\n}\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(infra.join(name), text).unwrap();
    }
    let buffer = "resource \"azurerm_kubernetes_cluster\" \"aks\" {\n  name                      = \"aks\"\n  automatic_channel_upgrade = var.channel\n}\n";
    let args = STDIN_MAIN_TF;
    let o = akslint(&args, dir.path(), Some(buffer));
    let out = stdout(&o);
    let rules_at = |file: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.starts_with(file))
            .map(|l| l.split(' ').nth(2).unwrap_or("").to_string())
            .collect()
    };
    let main = rules_at("infra/main.tf:");
    // The value of the variable comes from the sibling tfvars.
    assert!(
        out.contains("infra/main.tf:3:3: warning AKS203") && out.contains("terraform.tfvars"),
        "{out}"
    );
    // The sibling's diagnostic setting sends the control plane's logs: no AKS701 nor AKS702.
    assert!(main.iter().any(|r| r == "AKS703"), "{out}");
    assert!(
        !main.iter().any(|r| r == "AKS701" || r == "AKS702"),
        "{out}"
    );
    // The sibling cluster's own findings are not this buffer's.
    assert!(rules_at("infra/other.tf").is_empty(), "{out}");
    assert!(out.contains(" in 1 file "), "{out}");
}

/// A file name is shown as it is, but never with raw control characters (an escape sequence in
/// a name would drive the terminal or break a GitHub annotation), and SARIF keeps a `\` of a
/// name as `%5C` rather than making it a path separator.
#[test]
fn file_names_with_control_characters_and_backslashes() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["tab\there.yaml", "esc\x1b[31mred.yaml", "back\\slash.yaml"] {
        std::fs::write(dir.path().join(name), POD).unwrap();
    }
    for format in ["text", "compact", "github"] {
        let o = akslint(&["check", "--format", format, "."], dir.path(), None);
        let out = stdout(&o);
        assert!(
            out.contains("tab\\there.yaml") && out.contains("esc\\x1B[31mred.yaml"),
            "{format}: {out}"
        );
        assert!(
            !out.contains('\t') && !out.contains('\x1b'),
            "{format}: {out}"
        );
    }
    let o = akslint(&["check", "--format", "sarif", "."], dir.path(), None);
    let out = stdout(&o);
    assert!(out.contains("\"uri\": \"back%5Cslash.yaml\""), "{out}");
    assert!(!out.contains("back/slash"), "{out}");
}

/// A finding's code frame shows a window of a long line, not the line: on a one-line JSON
/// manifest of 1 MB with a dozen findings the text output stays a few kilobytes (it was the
/// whole line per finding).
#[test]
fn code_frames_of_long_lines_are_windows() {
    let dir = tempfile::tempdir().unwrap();
    let note = "x".repeat(1 << 20);
    let pod = format!(
        r#"{{"apiVersion": "v1", "kind": "Pod", "metadata": {{"name": "p", "annotations": {{"note": "{note}"}}}}, "spec": {{"containers": [{{"name": "a", "image": "a", "securityContext": {{"privileged": true}}}}]}}}}"#
    );
    std::fs::write(dir.path().join("pod.json"), pod).unwrap();
    let o = akslint(&["check", "--format", "text", "pod.json"], dir.path(), None);
    let out = stdout(&o);
    let findings = out.matches("see: akslint explain").count();
    assert!(findings >= 5, "{out}");
    assert!(
        out.len() < findings * 2_000,
        "{} bytes for {findings} findings",
        out.len()
    );
    assert!(
        out.contains("\"privileged\": true"),
        "the window shows the key"
    );
}

/// In a module at the current directory (`.`, whose path is empty once normalised), a
/// `--var-file` and a named `.tfvars` are read like anywhere else.
#[test]
fn var_files_of_a_module_at_the_current_directory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("main.tf"),
        "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  local_account_disabled = var.x\n}\nvariable \"x\" {}\n",
    )
    .unwrap();
    std::fs::write(d.join("prod.tfvars"), "x = false\n").unwrap();
    for args in [
        &[
            "check",
            "--format",
            "compact",
            "--var-file",
            "prod.tfvars",
            ".",
        ][..],
        &["check", "--format", "compact", "prod.tfvars"][..],
    ] {
        let out = stdout(&akslint(args, d, None));
        assert!(out.contains("main.tf:2:3: error AKS101"), "{args:?}: {out}");
    }
}

/// Terraform files are shown as YAML files are, without a leading `./`, however the current
/// directory is named (`.`, `./`, or no path at all).
#[test]
fn paths_at_the_current_directory_have_no_dot_slash() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("main.tf"),
        "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  local_account_disabled = false\n}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx\n    securityContext:\n      privileged: true\n",
    )
    .unwrap();
    for path in [Some("."), Some("./"), None] {
        let mut args = vec!["check", "--format", "compact"];
        args.extend(path);
        let out = stdout(&akslint(&args, d, None));
        assert!(
            out.contains("\nmain.tf:2:3: error AKS101")
                || out.starts_with("main.tf:2:3: error AKS101"),
            "{path:?}: {out}"
        );
        assert!(
            out.contains("pod.yaml:10:7: error AKS401"),
            "{path:?}: {out}"
        );
        assert!(!out.contains("./"), "{path:?}: {out}");
    }
}

/// `--select`, `--extend-select` and `--ignore` change the config's selection; a selector that
/// names no rule is a usage error that says which option.
#[test]
fn rule_selection_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("akslint.toml"), "select = [\"AKS401\"]\n").unwrap();
    std::fs::write(d.join("pod.yaml"), POD).unwrap();
    let rules = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--format", "json", "--fail-on", "never"];
        all.extend_from_slice(args);
        all.push("pod.yaml");
        let o = akslint(&all, d, None);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let mut r: Vec<String> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect();
        r.sort();
        r.dedup();
        r
    };
    assert_eq!(rules(&[]), ["AKS401"]);
    assert_eq!(rules(&["--extend-select", "AKS403"]), ["AKS401", "AKS403"]);
    assert_eq!(rules(&["--select", "AKS403,AKS412"]), ["AKS403", "AKS412"]);
    assert_eq!(
        rules(&["--ignore", "privileged-container"]),
        Vec::<String>::new()
    );
    let o = akslint(&["check", "--select", "AKS999", "pod.yaml"], d, None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--select AKS999"));
}

/// `--output FORMAT=PATH` writes more reports from one run; each is what `--format` alone gives.
#[test]
fn one_run_writes_several_formats() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("pod.yaml"), POD).unwrap();
    let o = akslint(
        &[
            "check",
            "--format",
            "compact",
            "--output",
            "sarif=out.sarif",
            "--output",
            "json=out.json",
            "pod.yaml",
        ],
        d,
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    for (format, file) in [("sarif", "out.sarif"), ("json", "out.json")] {
        let alone = akslint(&["check", "--format", format, "pod.yaml"], d, None);
        assert_eq!(
            std::fs::read(d.join(file)).unwrap(),
            alone.stdout,
            "{format}"
        );
    }
    let compact = akslint(&["check", "--format", "compact", "pod.yaml"], d, None);
    assert_eq!(o.stdout, compact.stdout);
    // `-` takes standard output.
    let o = akslint(&["check", "--output", "json=-", "pod.yaml"], d, None);
    let alone = akslint(&["check", "--format", "json", "pod.yaml"], d, None);
    assert_eq!(o.stdout, alone.stdout);
    let o = akslint(&["check", "--output", "xml=a", "pod.yaml"], d, None);
    assert_eq!(o.status.code(), Some(2));
}

/// `--statistics` counts findings per rule: after human output, on standard error otherwise.
#[test]
fn statistics_per_rule() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("pod.yaml"), POD).unwrap();
    std::fs::write(d.join("two.yaml"), POD.replace("name: p", "name: q")).unwrap();
    let o = akslint(
        &[
            "check",
            "--format",
            "compact",
            "--statistics",
            "--select",
            "AKS401,AKS403",
            ".",
        ],
        d,
        None,
    );
    let out = stdout(&o);
    assert!(
        out.ends_with("2  AKS401  privileged-container\n2  AKS403  runs-as-root\n"),
        "{out}"
    );
    let o = akslint(
        &[
            "check",
            "--format",
            "json",
            "--statistics",
            "--select",
            "AKS401",
            ".",
        ],
        d,
        None,
    );
    assert!(serde_json::from_slice::<serde_json::Value>(&o.stdout).is_ok());
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "2  AKS401  privileged-container\n"
    );
}

/// A name that is no path and looks like a subcommand says so; completions are generated.
#[test]
fn typos_and_completions() {
    let r = root();
    let o = akslint(&["lint", "testdata/cases/golden"], &r, None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `akslint check`"));
    let o = akslint(&["chekc"], &r, None);
    assert!(String::from_utf8_lossy(&o.stderr).contains("`akslint check`"));
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = akslint(&["completions", shell], &r, None);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        assert!(stdout(&o).contains("--fail-on"), "{shell}");
        // PowerShell's script completes options, not their values.
        if shell != "powershell" {
            assert!(stdout(&o).contains("gitlab"), "{shell}: formats completed");
        }
    }
    let help = stdout(&akslint(&["--help"], &r, None));
    assert!(
        help.contains("Exit codes") && help.contains("Terraform"),
        "{help}"
    );
}

/// `exclude` filters walks; with `--force-exclude` (the pre-commit hooks' setting) it filters
/// named files too.
#[test]
fn force_exclude_applies_exclude_to_named_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("akslint.toml"),
        "select = [\"AKS401\"]\nexclude = [\"vendor/**\"]\n",
    )
    .unwrap();
    std::fs::create_dir(d.join("vendor")).unwrap();
    std::fs::write(d.join("vendor/pod.yaml"), POD).unwrap();
    assert_eq!(akslint(&["check", "."], d, None).status.code(), Some(0));
    assert_eq!(
        akslint(&["check", "vendor/pod.yaml"], d, None)
            .status
            .code(),
        Some(1),
        "a named file is linted"
    );
    assert_eq!(
        akslint(&["check", "--force-exclude", "vendor/pod.yaml"], d, None)
            .status
            .code(),
        Some(0)
    );
    let o = akslint(&["check", "--verbose", "."], d, None);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("akslint: config akslint.toml")
            || String::from_utf8_lossy(&o.stderr).contains("akslint.toml")
    );
}

/// GitLab Code Quality: the fields GitLab reads, severities mapped, fingerprints the JSON
/// report's and never repeated (the same finding twice gets a second fingerprint of its own).
#[test]
fn gitlab_code_quality() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("akslint.toml"),
        "select = [\"AKS401\", \"AKS004\"]\n",
    )
    .unwrap();
    // Two rendered files of one template: the same finding twice.
    let rendered = format!("---\n# Source: chart/templates/pod.yaml\n{POD}");
    std::fs::write(d.join("a.yaml"), &rendered).unwrap();
    std::fs::write(d.join("b.yaml"), &rendered).unwrap();
    let o = akslint(
        &[
            "check",
            "--format",
            "gitlab",
            "--output",
            "json=report.json",
        ],
        d,
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let issues: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let issues = issues.as_array().unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("report.json")).unwrap()).unwrap();
    let findings = json["diagnostics"].as_array().unwrap();
    assert_eq!(issues.len(), 2);
    assert_eq!(findings[0]["fingerprint"], findings[1]["fingerprint"]);
    assert_eq!(issues[0]["fingerprint"], findings[0]["fingerprint"]);
    assert_ne!(issues[1]["fingerprint"], issues[0]["fingerprint"]);
    for (i, q) in issues.iter().enumerate() {
        assert_eq!(q["check_name"], "AKS401");
        assert_eq!(q["severity"], "critical");
        assert_eq!(q["location"]["lines"]["begin"], 11);
        assert_eq!(q["location"]["path"], ["a.yaml", "b.yaml"][i]);
        assert!(q["description"].as_str().unwrap().contains("privileged"));
        assert_eq!(q["fingerprint"].as_str().unwrap().len(), 32);
    }
}
