//! Terraform plans in JSON (`terraform show -json plan.out`), end to end: a plan beside its
//! configuration reports each finding once, `[[per-object]]` addresses suppress plan findings,
//! the plan's own size limit, what a broken plan reports, what stays a manifest, standard input.

mod common;

use akslint::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// (file name, line, rule, object) of each finding, the file relative to `dir`.
fn found(diags: &[Diagnostic], dir: &Path) -> Vec<(String, u32, String, Option<String>)> {
    let prefix = format!("{}/", dir.display());
    diags
        .iter()
        .map(|d| {
            let file = d.file.strip_prefix(&prefix).unwrap_or(&d.file).to_string();
            (file, d.start.line, d.rule.to_string(), d.object.clone())
        })
        .collect()
}

fn lint_dir(dir: &Path) -> Vec<Diagnostic> {
    common::lint(&[dir.to_path_buf()], dir)
}

/// A cluster whose `sku_tier` comes from a variable the configuration leaves without a value.
const MAIN_TF: &str = r#"variable "tier" {
  type = string
}

resource "azurerm_kubernetes_cluster" "main" {
  name                   = "aks"
  local_account_disabled = false
  sku_tier               = var.tier
}
"#;

/// The plan of [`MAIN_TF`] with `-var tier=Free`, one line as Terraform writes it: both know
/// `local_account_disabled = false`; only the plan knows the tier.
fn plan_of_main() -> String {
    let values = r#"{"local_account_disabled":false,"name":"aks","sku_tier":"Free","id":null}"#;
    format!(
        r#"{{"format_version":"1.2","terraform_version":"1.9.8","variables":{{"tier":{{"value":"Free"}}}},"planned_values":{{"root_module":{{"resources":[{{"address":"azurerm_kubernetes_cluster.main","mode":"managed","type":"azurerm_kubernetes_cluster","name":"main","provider_name":"registry.terraform.io/hashicorp/azurerm","schema_version":2,"values":{values},"sensitive_values":{{}}}}]}}}},"resource_changes":[{{"address":"azurerm_kubernetes_cluster.main","mode":"managed","type":"azurerm_kubernetes_cluster","name":"main","provider_name":"registry.terraform.io/hashicorp/azurerm","change":{{"actions":["create"],"before":null,"after":{values},"after_unknown":{{"id":true}},"before_sensitive":false,"after_sensitive":{{}}}}}}],"configuration":{{"provider_config":{{"azurerm":{{"name":"azurerm","full_name":"registry.terraform.io/hashicorp/azurerm","version_constraint":"~> 4.0"}}}},"root_module":{{}}}}}}
"#
    )
}

const SELECT: &str = "select = [\"AKS0\", \"AKS101\", \"AKS208\"]\n";

#[test]
fn a_plan_and_its_configuration_report_each_finding_once() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let plan = plan_of_main();
    write(
        d,
        &[
            ("akslint.toml", SELECT),
            ("main.tf", MAIN_TF),
            ("plan.json", &plan),
        ],
    );
    let col = |needle: &str| plan.find(needle).unwrap() as u32 + 1;
    let diags = lint_dir(d);
    let got = found(&diags, d);
    let object = Some("azurerm_kubernetes_cluster.main".to_string());
    // AKS101: both know it, reported once, in main.tf. AKS208: only the plan knows the tier.
    assert_eq!(
        got,
        [
            ("main.tf".into(), 7, "AKS101".into(), object.clone()),
            ("plan.json".into(), 1, "AKS208".into(), object.clone()),
        ]
    );
    assert_eq!(diags[1].start.column, col(r#""sku_tier":"Free""#));

    // A suppression in the configuration silences the plan's finding too (and is used).
    let suppressed = MAIN_TF.replace(
        "local_account_disabled = false",
        "local_account_disabled = false # akslint-ignore: AKS101 -- break-glass account, reviewed",
    );
    write(d, &[("main.tf", &suppressed)]);
    let got = found(&lint_dir(d), d);
    assert_eq!(
        got,
        [("plan.json".into(), 1, "AKS208".into(), object.clone())]
    );

    // The plan alone (named without its configuration, or elsewhere): its own findings.
    let alone = common::lint(&[d.join("plan.json")], d);
    let got = found(&alone, d);
    assert_eq!(
        got,
        [
            ("plan.json".into(), 1, "AKS101".into(), object.clone()),
            ("plan.json".into(), 1, "AKS208".into(), object.clone()),
        ]
    );
    assert_eq!(
        alone[0].start.column,
        col(r#""local_account_disabled":false"#)
    );
    let other = tmp.path().join("elsewhere");
    write(&other, &[("akslint.toml", SELECT), ("plan.json", &plan)]);
    write(d, &[("main.tf", MAIN_TF)]);
    let both = common::lint(&[d.to_path_buf(), other.clone()], d);
    let rules: Vec<(String, String)> = both
        .iter()
        .map(|x| (x.file.clone(), x.rule.to_string()))
        .collect();
    assert_eq!(
        rules,
        [
            (
                other.join("plan.json").display().to_string(),
                "AKS101".into()
            ),
            (
                other.join("plan.json").display().to_string(),
                "AKS208".into()
            ),
            (d.join("main.tf").display().to_string(), "AKS101".into()),
            (d.join("plan.json").display().to_string(), "AKS208".into()),
        ]
    );
}

#[test]
fn address_globs_suppress_plan_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let cluster = |address: &str| {
        format!(
            r#"{{"address":"{address}","mode":"managed","type":"azurerm_kubernetes_cluster","name":"c","values":{{"local_account_disabled":false}}}}"#
        )
    };
    let plan = format!(
        r#"{{"format_version":"1.2","planned_values":{{"root_module":{{"resources":[{}],"child_modules":[{{"resources":[{},{}],"address":"module.aks[\"eu\"]"}}]}}}}}}"#,
        cluster("azurerm_kubernetes_cluster.c"),
        cluster(r#"module.aks[\"eu\"].azurerm_kubernetes_cluster.c[0]"#),
        cluster(r#"module.aks[\"eu\"].azurerm_kubernetes_cluster.c[1]"#),
    );
    let config = "select = [\"AKS101\"]\n\n[[per-object]]\naddress = \"module.aks.azurerm_kubernetes_cluster.c\"\nignore = [\"AKS101\"]\nreason = \"a sandbox\"\n";
    write(d, &[("akslint.toml", config), ("plan.json", &plan)]);
    let objects: Vec<Option<String>> = lint_dir(d).into_iter().map(|x| x.object).collect();
    assert_eq!(objects, [Some("azurerm_kubernetes_cluster.c".into())]);
    // An instance by its own address (a `[` opens a class in a glob: `[[]` is one).
    let one = "select = [\"AKS101\"]\n\n[[per-object]]\naddress = 'module.aks[[]\"eu\"].*.c[[]1]'\nignore = [\"AKS101\"]\n";
    write(d, &[("akslint.toml", one)]);
    let objects: Vec<Option<String>> = lint_dir(d).into_iter().map(|x| x.object).collect();
    assert_eq!(
        objects,
        [
            Some("azurerm_kubernetes_cluster.c".into()),
            Some(r#"module.aks["eu"].azurerm_kubernetes_cluster.c[0]"#.into()),
        ]
    );
}

#[test]
fn plans_have_their_own_size_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let plan = plan_of_main();
    // Over `file-size`, under `plan-size`: a plan, judged.
    write(
        d,
        &[
            (
                "akslint.toml",
                &format!("{SELECT}[limits]\nfile-size = 100\n"),
            ),
            ("plan.json", &plan),
        ],
    );
    let got: Vec<String> = lint_dir(d).iter().map(|x| x.rule.to_string()).collect();
    assert_eq!(got, ["AKS101", "AKS208"]);
    // Over `plan-size`: AKS002 for the whole file, nothing judged.
    write(
        d,
        &[(
            "akslint.toml",
            &format!("{SELECT}[limits]\nplan-size = {}\n", plan.len() - 1),
        )],
    );
    let diags = lint_dir(d);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].rule, "AKS002");
    assert_eq!(diags[0].start.line, 0);
    assert!(
        diags[0].message.contains(&format!(
            "plan of {} bytes is over the plan-size limit of {} bytes",
            plan.len(),
            plan.len() - 1
        )),
        "{}",
        diags[0].message
    );
    assert!(diags[0].help.as_deref().unwrap().contains("plan-size"));
}

#[test]
fn a_broken_plan_is_aks001_where_it_breaks() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let plan = plan_of_main();
    let cut = plan.find(r#""resource_changes""#).unwrap();
    let broken = format!("{}\n  {{oops", &plan[..cut]);
    write(d, &[("akslint.toml", SELECT), ("plan.json", &broken)]);
    let diags = lint_dir(d);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].rule, "AKS001");
    assert_eq!((diags[0].start.line, diags[0].start.column), (2, 3));
    assert!(
        diags[0]
            .message
            .starts_with("invalid JSON in a Terraform plan: expected a string key"),
        "{}",
        diags[0].message
    );
    // Not a plan's shape: AKS001 at the value, the rest read.
    let shape = plan.replacen(r#""resources":["#, r#""resources":[42,"#, 1);
    write(d, &[("plan.json", &shape)]);
    let got: Vec<(String, String)> = lint_dir(d)
        .iter()
        .map(|x| (x.rule.to_string(), x.message.clone()))
        .collect();
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].0, "AKS001");
    assert!(
        got[0].1.contains("is a number, an object expected"),
        "{got:?}"
    );
}

#[test]
fn json_that_is_no_plan_is_read_as_before() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // A manifest that happens to hold the keys, deeper down: a manifest.
    let pod = r#"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "annotations": {"format_version": "1.2", "planned_values": "{}"}},
  "spec": {"containers": [{"name": "a", "image": "nginx", "securityContext": {"privileged": true}}]}}"#;
    write(
        d,
        &[
            ("akslint.toml", "select = [\"AKS401\", \"AKS101\"]\n"),
            ("pod.json", pod),
            // A state (`terraform show -json` without a plan) and any other JSON: not read.
            (
                "state.json",
                r#"{"format_version":"1.0","terraform_version":"1.9.8","values":{"root_module":{}}}"#,
            ),
            ("tsconfig.json", r#"{"compilerOptions": {"strict": true}}"#),
        ],
    );
    let got = found(&lint_dir(d), d);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].0.as_str(), got[0].2.as_str()),
        ("pod.json", "AKS401")
    );
}

#[test]
fn standard_input_is_a_plan_by_its_content() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, &[("akslint.toml", SELECT)]);
    let plan = plan_of_main();
    let o = common::akslint(
        &[
            "check",
            "-",
            "--stdin-filename",
            "infra/plan.json",
            "--format",
            "compact",
        ],
        d,
        Some(&plan),
    );
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    let col = plan.find(r#""local_account_disabled""#).unwrap() + 1;
    assert_eq!(
        lines.len(),
        3,
        "{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        lines[0].starts_with(&format!("infra/plan.json:1:{col}: error AKS101")),
        "{out}"
    );
    assert_eq!(o.status.code(), Some(1));
}

/// A plan's findings are the same bytes at any thread count, and twice in a row.
#[test]
fn plan_output_is_deterministic() {
    let fixture: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/tf/plan");
    let run = |threads: &str| {
        common::akslint(
            &[
                "check",
                "--threads",
                threads,
                "--format",
                "json",
                "--no-cache",
                "remote-modules",
            ],
            &fixture,
            None,
        )
        .stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("2"));
    assert_eq!(one, run("2"));
}
