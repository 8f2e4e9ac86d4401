//! Report scope for Terraform: a module named alone (as pre-commit names a changed child) is
//! evaluated through its callers in the project, whose own findings stay out of the report.

mod common;

use std::path::Path;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const CHILD: &str = r#"variable "admin" {
  type    = bool
  default = null
}

resource "azurerm_container_registry" "this" {
  name                = "acr"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled       = var.admin
}
"#;

const CALLER: &str = r#"module "registry" {
  source = "../modules/acr"
  admin  = true
}

resource "azurerm_container_registry" "own" {
  name                = "own"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled       = true
}
"#;

#[test]
fn a_named_child_is_judged_through_its_callers_in_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("akslint.toml"), "select = [\"AKS611\"]\n");
    write(&d.join("modules/acr/main.tf"), CHILD);
    write(&d.join("live/main.tf"), CALLER);
    let diags = common::lint(&[d.join("modules/acr/main.tf")], d);
    let got: Vec<(String, Option<String>)> = diags
        .iter()
        .map(|x| (x.file.clone(), x.object.clone()))
        .collect();
    // The child fires with the caller's `admin = true`; the caller's own registry is context only.
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].0.ends_with("modules/acr/main.tf"));
    assert_eq!(
        got[0].1.as_deref(),
        Some("module.registry.azurerm_container_registry.this")
    );
}

#[test]
fn a_named_child_without_callers_is_judged_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("akslint.toml"), "select = [\"AKS611\"]\n");
    write(&d.join("modules/acr/main.tf"), CHILD);
    // `admin` defaults to null: the provider default (false) applies, nothing to say.
    assert!(common::lint(&[d.join("modules/acr/main.tf")], d).is_empty());
}

#[test]
fn naming_the_caller_reports_both() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("akslint.toml"), "select = [\"AKS611\"]\n");
    write(&d.join("modules/acr/main.tf"), CHILD);
    write(&d.join("live/main.tf"), CALLER);
    let diags = common::lint(&[d.join("live")], d);
    let objects: Vec<&str> = diags.iter().filter_map(|x| x.object.as_deref()).collect();
    assert_eq!(
        objects,
        [
            "azurerm_container_registry.own",
            "module.registry.azurerm_container_registry.this"
        ]
    );
}

/// A registry with its admin account on, and a call to `source` named `name`.
fn calling(name: &str, source: &str) -> String {
    format!(
        "module \"{name}\" {{\n  source = \"{source}\"\n}}\n\n{}",
        CALLER
            .split_once("resource")
            .map(|(_, r)| format!("resource{r}"))
            .unwrap()
    )
}

/// Modules that call each other (a → b → a) are rejected by Terraform: AKS001 at the call that
/// closes the cycle. Nothing is lost: the first module of the cycle is evaluated as a root,
/// the other through it, and the rest of the project as usual.
#[test]
fn a_cycle_of_module_calls_is_reported_and_the_rest_evaluated() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        &d.join("akslint.toml"),
        "select = [\"AKS001\", \"AKS611\"]\n",
    );
    write(&d.join("a/main.tf"), &calling("b", "../b"));
    write(&d.join("b/main.tf"), &calling("a", "../a"));
    write(&d.join("c/main.tf"), &calling("self", "../self"));
    write(&d.join("self/main.tf"), &calling("again", "./"));
    let diags = common::lint(&[d.to_path_buf()], d);
    let got: Vec<(String, u32, &str, Option<&str>)> = diags
        .iter()
        .map(|x| {
            let file = x.file.strip_prefix(&*d.to_string_lossy()).unwrap();
            (file.to_string(), x.start.line, x.rule, x.object.as_deref())
        })
        .collect();
    let registry = Some("azurerm_container_registry.own");
    assert_eq!(
        got,
        [
            ("/a/main.tf".to_string(), 10, "AKS611", registry),
            ("/b/main.tf".to_string(), 1, "AKS001", None),
            (
                "/b/main.tf".to_string(),
                10,
                "AKS611",
                Some("module.b.azurerm_container_registry.own")
            ),
            ("/c/main.tf".to_string(), 10, "AKS611", registry),
            ("/self/main.tf".to_string(), 1, "AKS001", None),
            (
                "/self/main.tf".to_string(),
                10,
                "AKS611",
                Some("module.self.azurerm_container_registry.own")
            ),
        ],
        "{diags:#?}"
    );
    let cycle = diags.iter().find(|x| x.rule == "AKS001").unwrap();
    assert!(cycle.message.contains("cycle"), "{}", cycle.message);
}

const CLUSTER: &str = r#"resource "azurerm_kubernetes_cluster" "main" {
  local_account_disabled = var.local_accounts_off
}
"#;

/// Two declarations of one resource, variable, data source, module call or local — across
/// files or in one — are an error in Terraform: AKS001 at the second (the first is read), not a
/// silent merge.
#[test]
fn duplicate_declarations_are_reported_at_the_second() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        &d.join("akslint.toml"),
        "select = [\"AKS001\", \"AKS101\"]\n",
    );
    let first = format!("{CLUSTER}variable \"local_accounts_off\" {{\n  default = false\n}}\n");
    write(&d.join("infra/a.tf"), &first);
    let second = format!(
        "variable \"local_accounts_off\" {{\n  default = true\n}}\n\n{CLUSTER}locals {{\n  x = 1\n}}\nlocals {{\n  x = 2\n}}\n"
    );
    write(&d.join("infra/b.tf"), &second);
    let diags = common::lint(&[d.join("infra")], d);
    let got: Vec<(String, u32, &str)> = diags
        .iter()
        .map(|x| {
            let file = x.file.rsplit('/').next().unwrap().to_string();
            (file, x.start.line, x.rule)
        })
        .collect();
    assert_eq!(
        got,
        [
            ("a.tf".to_string(), 2, "AKS101"),
            ("b.tf".to_string(), 1, "AKS001"),
            ("b.tf".to_string(), 5, "AKS001"),
            ("b.tf".to_string(), 12, "AKS001"),
        ],
        "{diags:#?}"
    );
    let twice = &diags[1];
    assert!(
        twice.message.contains("variable \"local_accounts_off\"") && twice.message.contains("a.tf"),
        "{}",
        twice.message
    );
}

/// A `.tfvars` named on the command line that Terraform would not read by itself (not
/// `terraform.tfvars`, not `*.auto.tfvars`) is read as a var file of its directory's module,
/// as `--var-file` would be, instead of being silently ignored.
#[test]
fn a_named_tfvars_is_a_var_file_of_its_module() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        &d.join("akslint.toml"),
        "select = [\"AKS001\", \"AKS101\"]\n",
    );
    let module = format!("{CLUSTER}variable \"local_accounts_off\" {{}}\n");
    write(&d.join("infra/main.tf"), &module);
    write(&d.join("infra/prod.tfvars"), "local_accounts_off = false\n");
    write(&d.join("infra/broken.tfvars"), "local_accounts_off = \n");
    assert!(
        common::lint(&[d.join("infra/main.tf")], d).is_empty(),
        "the variable has no value"
    );
    let diags = common::lint(&[d.join("infra/prod.tfvars")], d);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0].rule, "AKS101");
    assert_eq!(diags[0].start.line, 2);
    let diags = common::lint(&[d.join("infra/broken.tfvars")], d);
    assert!(
        diags
            .iter()
            .any(|x| x.rule == "AKS001" && x.file.ends_with("broken.tfvars")),
        "{diags:#?}"
    );
}

/// A var-file is the user's own file: its syntax error is reported, once, whichever module
/// reads it — a root loaded only as context for a child named alone, two roots, or none (a
/// named `.tfvars` in a directory without a module). Before, the first and last were silent.
#[test]
fn a_broken_var_file_is_reported_whoever_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("akslint.toml"), "select = [\"AKS001\"]\n");
    write(&d.join("modules/acr/main.tf"), CHILD);
    write(&d.join("live/main.tf"), CALLER);
    write(&d.join("other/main.tf"), "variable \"admin\" {}\n");
    write(&d.join("envs/broken.tfvars"), "admin = \n");
    let aks001 = |args: &[&str]| -> Vec<String> {
        let out = common::akslint(args, d, None);
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter(|l| l.contains(" AKS001 "))
            .map(|l| l.split(' ').next().unwrap().to_string())
            .collect()
    };
    let flags = ["--format", "compact", "--no-cache"];
    for (paths, var_file) in [
        (&["modules/acr"][..], true),
        (&["modules/acr/main.tf"][..], true),
        (&["live", "other"][..], true),
        (&["live"][..], true),
        (&["envs/broken.tfvars"][..], false),
        (&["live", "envs/broken.tfvars"][..], false),
    ] {
        let mut args = vec!["check"];
        args.extend(paths);
        if var_file {
            args.extend(["--var-file", "envs/broken.tfvars"]);
        }
        args.extend(flags);
        assert_eq!(
            aks001(&args),
            ["envs/broken.tfvars:1:9:"],
            "akslint {}",
            args.join(" ")
        );
    }
}
