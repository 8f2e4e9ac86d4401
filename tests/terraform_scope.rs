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
