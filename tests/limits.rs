//! Hostile input: every limit has a test, nothing panics or aborts, other files are still linted.

mod common;

use std::path::Path;

const PRIVILEGED_POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      securityContext:\n        privileged: true\n";

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// Lints the dir and returns (file name, line, rule) triples.
fn run(dir: &Path) -> Vec<(String, u32, String)> {
    common::lint(&[dir.to_path_buf()], dir)
        .into_iter()
        .map(|d| {
            (
                Path::new(&d.file)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                d.start.line,
                d.rule.to_string(),
            )
        })
        .collect()
}

fn has(got: &[(String, u32, String)], file: &str, rule: &str) -> bool {
    got.iter().any(|(f, _, r)| f == file && r == rule)
}

#[test]
fn deep_nesting_of_every_kind_is_a_finding_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "block-seq.yaml", "- ".repeat(100_000) + "x\n");
    write(d, "flow-seq.yaml", "a: ".to_string() + &"[".repeat(100_000));
    write(d, "flow-map.yaml", "{a: ".repeat(100_000));
    let mut block_map = String::new();
    for i in 0..100_000 {
        block_map.push_str(&" ".repeat(i % 2000));
        block_map.push_str("k:\n");
        if i % 2000 == 1999 {
            break;
        }
    }
    write(d, "block-map.yaml", &block_map);
    write(d, "ok.yaml", PRIVILEGED_POD);
    let got = run(d);
    assert!(has(&got, "block-seq.yaml", "AKS002"), "{got:?}");
    assert!(has(&got, "block-map.yaml", "AKS002"), "{got:?}");
    // The parser itself caps flow nesting (at 255): a limit like the others (AKS002).
    assert!(has(&got, "flow-seq.yaml", "AKS002"), "{got:?}");
    assert!(has(&got, "flow-map.yaml", "AKS002"), "{got:?}");
    assert!(!got.iter().any(|g| g.2 == "AKS001"), "{got:?}");
    assert!(
        has(&got, "ok.yaml", "AKS401"),
        "the other files are still linted: {got:?}"
    );
}

/// Flow collections (`[`, `{`) cannot nest deeper than 255 in the YAML parser, whatever
/// `[limits] depth` says: past it, AKS002 naming that fixed ceiling, not a syntax error.
#[test]
fn flow_nesting_has_a_fixed_ceiling() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "akslint.toml", "[limits]\ndepth = 1000\n");
    write(
        d,
        "flow.yaml",
        format!("a: {}1{}\n", "[".repeat(300), "]".repeat(300)),
    );
    write(d, "block.yaml", "- ".repeat(300) + "x\n");
    write(
        d,
        "under.yaml",
        format!("a: {}1{}\n", "[".repeat(254), "]".repeat(254)),
    );
    let diags = common::lint(&[d.to_path_buf()], d);
    let flow: Vec<_> = diags
        .iter()
        .filter(|x| x.file.ends_with("flow.yaml"))
        .collect();
    assert_eq!(flow.len(), 1, "{diags:#?}");
    assert_eq!(flow[0].rule, "AKS002");
    assert!(flow[0].message.contains("255"), "{}", flow[0].message);
    assert!(
        diags
            .iter()
            .all(|x| !x.file.ends_with("block.yaml") && !x.file.ends_with("under.yaml")),
        "block nesting follows `depth`; 255 flow levels are fine: {diags:#?}"
    );
}

#[test]
fn lowered_depth_limit_skips_only_that_document() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "akslint.toml", "[limits]\ndepth = 4\n");
    write(
        d,
        "two.yaml",
        format!("a:\n  b:\n    c:\n      d:\n        e:\n          f: 1\n---\n{PRIVILEGED_POD}"),
    );
    let got = run(d);
    assert!(
        got.contains(&("two.yaml".into(), 5, "AKS002".into())),
        "{got:?}"
    );
    assert!(
        !has(&got, "two.yaml", "AKS401"),
        "the pod is 5 deep: {got:?}"
    );
    // At depth 5 the pod is within the limit and the 6-deep document is still skipped.
    write(d, "akslint.toml", "[limits]\ndepth = 5\n");
    let got = run(d);
    assert!(
        has(&got, "two.yaml", "AKS401") && has(&got, "two.yaml", "AKS002"),
        "{got:?}"
    );
}

#[test]
fn node_limit() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "akslint.toml", "[limits]\nnodes = 50\n");
    let items: String = (0..100).map(|i| format!("  - {i}\n")).collect();
    write(
        d,
        "many.yaml",
        format!("{PRIVILEGED_POD}---\nlist:\n{items}"),
    );
    let got = run(d);
    assert!(
        has(&got, "many.yaml", "AKS002") && has(&got, "many.yaml", "AKS401"),
        "{got:?}"
    );
}

#[test]
fn alias_budget_bounds_lookups() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "akslint.toml", "[limits]\naliases = 3\n");
    // Every container is an alias: the budget runs out before the last ones are read.
    let mut text = String::from(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nx: &c\n  name: a\n  securityContext:\n    privileged: true\nspec:\n  containers:\n",
    );
    for _ in 0..10 {
        text.push_str("    - *c\n");
    }
    write(d, "aliases.yaml", text);
    let got = run(d);
    assert!(has(&got, "aliases.yaml", "AKS002"), "{got:?}");
    assert!(
        got.iter().filter(|g| g.2 == "AKS401").count() < 10,
        "{got:?}"
    );
}

#[test]
fn file_size_cap_skips_without_reading() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A 300 MB sparse file: the cap is checked before reading, so this costs nothing.
    let f = std::fs::File::create(d.join("huge.yaml")).unwrap();
    f.set_len(300 << 20).unwrap();
    write(d, "ok.yaml", PRIVILEGED_POD);
    let got = run(d);
    assert!(
        got.contains(&("huge.yaml".into(), 0, "AKS002".into())),
        "{got:?}"
    );
    assert!(has(&got, "ok.yaml", "AKS401"));
}

#[test]
fn long_scalars_and_non_ascii_positions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let long = "é".repeat(200_000);
    write(
        d,
        "long.yaml",
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    note: \"{long}\"\nspec:\n  containers:\n    - name: a\n      securityContext: {{ privileged: true }}\n"
        ),
    );
    let diags = common::lint(&[d.to_path_buf()], d);
    let p = diags.iter().find(|x| x.rule == "AKS401").unwrap();
    assert_eq!((p.start.line, p.start.column), (10, 26));
}

#[test]
fn unreadable_entries_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "ok.yaml", PRIVILEGED_POD);
    std::os::unix::fs::symlink(d.join("missing.yaml"), d.join("dangling.yaml")).unwrap();
    std::os::unix::fs::symlink(d.join("ok.yaml"), d.join("link.yaml")).unwrap();
    let got = run(d);
    assert!(
        got.contains(&("dangling.yaml".into(), 0, "AKS001".into())),
        "{got:?}"
    );
    assert!(
        has(&got, "ok.yaml", "AKS401") && has(&got, "link.yaml", "AKS401"),
        "{got:?}"
    );
}

/// Lints named paths (relative to `dir`) and returns (file name, rule, message) triples.
fn run_named(dir: &Path, names: &[&str]) -> Vec<(String, String, String)> {
    let paths: Vec<std::path::PathBuf> = names.iter().map(|n| dir.join(n)).collect();
    common::lint(&paths, dir)
        .into_iter()
        .map(|d| {
            let name = Path::new(&d.file).file_name().unwrap();
            (
                name.to_string_lossy().into_owned(),
                d.rule.to_string(),
                d.message,
            )
        })
        .collect()
}

/// A FIFO, a device or a link to one is never opened (opening a FIFO blocks until a writer
/// comes; `/dev/zero` never ends): it is AKS001 "not a regular file", named or found in a walk.
#[test]
fn special_files_are_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fifo = std::process::Command::new("mkfifo")
        .arg(d.join("fifo.yaml"))
        .status()
        .unwrap();
    assert!(fifo.success());
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.yaml")).unwrap();
    std::os::unix::fs::symlink("/dev/null", d.join("null.tf")).unwrap();
    write(d, "ok.yaml", PRIVILEGED_POD);
    let special = |got: &[(String, String, String)], file: &str| {
        got.iter()
            .any(|(f, r, m)| f == file && r == "AKS001" && m.contains("not a regular file"))
    };
    let named = run_named(d, &["fifo.yaml", "zero.yaml", "null.tf", "ok.yaml"]);
    for f in ["fifo.yaml", "zero.yaml", "null.tf"] {
        assert!(special(&named, f), "{f}: {named:?}");
    }
    assert!(
        named
            .iter()
            .any(|(f, r, _)| f == "ok.yaml" && r == "AKS401")
    );
    let walked = run_named(d, &["."]);
    for f in ["fifo.yaml", "zero.yaml", "null.tf"] {
        assert!(special(&walked, f), "{f}: {walked:?}");
    }
    assert!(
        !walked.iter().any(|(_, r, _)| r == "AKS002"),
        "never read, so never over a limit: {walked:?}"
    );
}

/// One invalid UTF-8 byte costs its own document, as a syntax error does: the documents before
/// and after it are still linted, and the AKS001 points at the byte.
#[test]
fn invalid_utf8_loses_only_its_document() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut text = PRIVILEGED_POD.as_bytes().to_vec();
    text.extend_from_slice(b"---\napiVersion: v1\nkind: ConfigMap\ndata:\n  a: \"caf\xe9\"\n");
    text.extend_from_slice(b"---\n");
    text.extend_from_slice(PRIVILEGED_POD.as_bytes());
    write(d, "three.yaml", &text);
    let got = run(d);
    assert!(
        got.contains(&("three.yaml".into(), 14, "AKS001".into())),
        "{got:?}"
    );
    let privileged: Vec<u32> = got
        .iter()
        .filter(|g| g.2 == "AKS401")
        .map(|g| g.1)
        .collect();
    assert_eq!(privileged, [9, 24], "{got:?}");
}

/// A `.json` manifest with a NUL or an invalid UTF-8 byte is AKS001, like a `.json` manifest
/// that does not parse; a `.json` that is no manifest stays none of our business.
#[test]
fn broken_json_manifests_are_reported_whatever_broke_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pod = r#"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "NAME"}}"#;
    write(d, "nul.json", pod.replace("NAME", "p\0"));
    let at = pod.find("NAME").unwrap() + 3;
    let mut latin1 = pod.replace("NAME", "caf").into_bytes();
    latin1.insert(at, 0xe9);
    write(d, "latin1.json", &latin1);
    write(d, "blob.json", b"{\"a\": \"\xe9\0\"}");
    let diags = common::lint(&[d.to_path_buf()], d);
    let got: Vec<(String, u32, u32, &str)> = diags
        .iter()
        .map(|x| {
            let name = Path::new(&x.file).file_name().unwrap().to_string_lossy();
            (name.into_owned(), x.start.line, x.start.column, x.rule)
        })
        .collect();
    assert_eq!(
        got,
        [
            ("latin1.json".to_string(), 1, at as u32 + 1, "AKS001"),
            ("nul.json".to_string(), 0, 0, "AKS001"),
        ]
    );
}

/// File names that are not UTF-8 are shown with their bytes escaped (`\xFF`), so that two
/// files never share a name, nor their findings: every file keeps its own. A `.tf` with such a
/// name is read like any other.
#[test]
fn non_utf8_file_names_stay_distinct() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for b in [0xff_u8, 0xfe, 0xfd] {
        let name = [b, b'.', b'y', b'a', b'm', b'l'];
        std::fs::write(d.join(std::ffi::OsStr::from_bytes(&name)), PRIVILEGED_POD).unwrap();
    }
    let tf = d.join("infra");
    std::fs::create_dir(&tf).unwrap();
    std::fs::write(
        tf.join(std::ffi::OsStr::from_bytes(b"caf\xe9.tf")),
        "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  local_account_disabled = false\n}\n",
    )
    .unwrap();
    let diags = common::lint(&[d.to_path_buf()], d);
    let mut privileged: Vec<String> = diags
        .iter()
        .filter(|x| x.rule == "AKS401")
        .map(|x| x.file.rsplit('/').next().unwrap().to_string())
        .collect();
    privileged.sort();
    assert_eq!(privileged, ["\\xFD.yaml", "\\xFE.yaml", "\\xFF.yaml"]);
    assert!(
        diags
            .iter()
            .any(|x| x.rule == "AKS101" && x.file.ends_with("infra/caf\\xE9.tf")),
        "{diags:#?}"
    );
}

const CLUSTER_WITH_LOCAL_ACCOUNTS: &str =
    "resource \"azurerm_kubernetes_cluster\" \"c\" {\n  local_account_disabled = false\n}\n";

/// Module fan-out: 17 modules each calling the next twice describe 2^16 instances (the call
/// depth stops at 16) from 17 small files. Instances are capped per run: the cap is an AKS002 at
/// the call it stopped, and a small root elsewhere in the project is still evaluated in full.
#[test]
fn module_instances_are_capped_per_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "akslint.toml",
        "select = [\"AKS002\", \"AKS101\"]\n[limits]\nmodule-instances = 100\n",
    );
    for i in 0..17 {
        let m = d.join(format!("fan/m{i:02}"));
        std::fs::create_dir_all(&m).unwrap();
        let mut text = CLUSTER_WITH_LOCAL_ACCOUNTS.to_string();
        if i < 16 {
            for call in ["x", "y"] {
                let next = i + 1;
                text.push_str(&format!(
                    "module \"{call}\" {{\n  source = \"../m{next:02}\"\n}}\n"
                ));
            }
        }
        std::fs::write(m.join("main.tf"), text).unwrap();
    }
    let small = d.join("small");
    std::fs::create_dir_all(&small).unwrap();
    std::fs::write(small.join("main.tf"), CLUSTER_WITH_LOCAL_ACCOUNTS).unwrap();
    let diags = common::lint(&[d.to_path_buf()], d);
    let clusters = diags.iter().filter(|x| x.rule == "AKS101").count();
    assert!(
        (90..=100).contains(&clusters),
        "one cluster per instance evaluated, at most the cap: {clusters}"
    );
    assert!(
        diags
            .iter()
            .any(|x| x.rule == "AKS101" && x.file.ends_with("small/main.tf")),
        "the small root is evaluated whole"
    );
    let capped: Vec<_> = diags.iter().filter(|x| x.rule == "AKS002").collect();
    assert!(!capped.is_empty(), "{diags:#?}");
    for c in &capped {
        assert!(c.message.contains("module instances"), "{}", c.message);
        assert!(c.start.line > 0, "at the call it stopped: {c:?}");
    }
}

/// Value growth: thirty lines of `concat(local.a, local.a)` describe 2^30 elements. The first
/// list over the element cap is an AKS002 and reads as unknown (so AKS202 stays silent on it);
/// a list just under the cap is judged, and the message quoting all of it is cut.
#[test]
fn growing_terraform_values_are_capped_and_messages_cut() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "akslint.toml", "select = [\"AKS002\", \"AKS202\"]\n");
    let mut locals = String::from("locals {\n  a0 = [\"0.0.0.0/0\"]\n");
    for i in 1..=30 {
        locals.push_str(&format!(
            "  a{i} = concat(local.a{j}, local.a{j})\n",
            j = i - 1
        ));
    }
    locals.push_str("}\n");
    let cluster = |name: &str, list: &str| {
        format!(
            "resource \"azurerm_kubernetes_cluster\" \"{name}\" {{\n  api_server_access_profile {{\n    authorized_ip_ranges = local.{list}\n  }}\n}}\n"
        )
    };
    let text = format!(
        "{locals}{}{}",
        cluster("huge", "a30"),
        cluster("big", "a13")
    );
    write(d, "main.tf", &text);
    let diags = common::lint(&[d.to_path_buf()], d);
    let line_of = |s: &str| text.lines().position(|l| l.contains(s)).unwrap() as u32 + 1;
    let capped: Vec<u32> = diags
        .iter()
        .filter(|x| x.rule == "AKS002")
        .map(|x| x.start.line)
        .collect();
    assert_eq!(capped, [line_of("a14 =")], "{diags:#?}");
    let open: Vec<&akslint::diagnostic::Diagnostic> =
        diags.iter().filter(|x| x.rule == "AKS202").collect();
    assert_eq!(open.len(), 1, "only the list under the cap is judged");
    assert_eq!(
        open[0].object.as_deref(),
        Some("azurerm_kubernetes_cluster.big")
    );
    for x in &diags {
        assert!(x.message.chars().count() <= 2100, "{}", x.message.len());
    }
    assert!(
        open[0].message.ends_with("more characters)"),
        "{}",
        &open[0].message[..100]
    );
}

/// An object literal of 80,000 keys (709 KB, under the size cap) costs hcl-edit's duplicate-key
/// check 3.2 billion comparisons. The file is counted before it is parsed: AKS002 at the
/// object, and the module's other files are still read.
#[test]
fn huge_object_literals_are_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "akslint.toml", "select = [\"AKS002\", \"AKS101\"]\n");
    let keys: String = (0..80_000).map(|i| format!("    k{i} = {i}\n")).collect();
    write(
        d,
        "big.tf",
        format!("locals {{\n  big = {{\n{keys}  }}\n}}\n"),
    );
    write(d, "main.tf", CLUSTER_WITH_LOCAL_ACCOUNTS);
    let got = run(d);
    assert!(
        got.contains(&("big.tf".into(), 2, "AKS002".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("main.tf".into(), 2, "AKS101".into())),
        "{got:?}"
    );
}

/// Terraform that is not UTF-8 is reported where the first invalid byte is (as YAML is), not
/// at 0:0; and a number too large for a 64-bit float, which Terraform accepts, is no syntax
/// error (its value is unknown: a `count` of 1e400 makes a representative instance).
#[test]
fn terraform_encoding_and_huge_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "akslint.toml", "select = [\"AKS001\", \"AKS101\"]\n");
    std::fs::create_dir(d.join("latin1")).unwrap();
    write(
        &d.join("latin1"),
        "main.tf",
        b"# r\xe9seau\nresource \"azurerm_kubernetes_cluster\" \"c\" {}\n",
    );
    std::fs::create_dir(d.join("huge")).unwrap();
    let big = format!("1{}", "0".repeat(400));
    let attrs = format!("{{\n  count = 1e400\n  x = -1.5e999\n  y = {big}\n");
    let huge = CLUSTER_WITH_LOCAL_ACCOUNTS.replace("{\n", &attrs);
    write(&d.join("huge"), "main.tf", &huge);
    write(
        &d.join("huge"),
        "other.tf",
        CLUSTER_WITH_LOCAL_ACCOUNTS.replace("\"c\"", "\"d\""),
    );
    let diags = common::lint(&[d.to_path_buf()], d);
    let got: Vec<(String, u32, u32, &str)> = diags
        .iter()
        .map(|x| {
            let file = x
                .file
                .strip_prefix(&*d.to_string_lossy())
                .unwrap()
                .to_string();
            (file, x.start.line, x.start.column, x.rule)
        })
        .collect();
    assert_eq!(
        got,
        [
            ("/huge/main.tf".to_string(), 5, 3, "AKS101"),
            ("/huge/other.tf".to_string(), 2, 3, "AKS101"),
            ("/latin1/main.tf".to_string(), 1, 4, "AKS001"),
        ],
        "the cluster whose count is unknown (1e400) is judged once, as a representative \
         instance: {diags:#?}"
    );
}
