//! azapi bodies read through the azurerm names.

use crate::terraform::tests::module;
use crate::terraform::{AzureKind, Presence, Scope, Value};

fn shown(a: Option<crate::terraform::Attr>) -> String {
    match a {
        None => "not written".into(),
        Some(a) => match &a.value {
            Value::Unknown | Value::Ref(_) => "unknown".into(),
            Value::Absent => "null".into(),
            v => v
                .to_text()
                .map_or_else(|| "composite".into(), |t| t.to_string()),
        },
    }
}

#[test]
fn types_and_kinds() {
    let t = super::parse_type;
    assert_eq!(
        t("Microsoft.ContainerService/managedClusters@2025-10-01").map(|x| x.0),
        Some(AzureKind::Cluster)
    );
    assert_eq!(
        t("microsoft.containerservice/managedclusters/agentpools@2024-01-01").map(|x| x.0),
        Some(AzureKind::NodePool)
    );
    assert_eq!(
        t("Microsoft.KeyVault/vaults@2026-02-01").map(|x| &*x.1 == "2026-02-01"),
        Some(true)
    );
    assert!(t("Microsoft.Network/virtualNetworks@2024-01-01").is_none());
    assert!(t("Microsoft.ContainerService/managedClusters").is_none());
}

const V2: &str = r#"
variable "local" {
  default = false
}
locals {
  base = {
    properties = {
      disableLocalAccounts = var.local
      apiServerAccessProfile = {
        disableRunCommand = true
      }
      agentPoolProfiles = [{ name = "a", enableNodePublicIP = true }, null, { name = "b" }]
      addonProfiles = {
        OMSAgent = { enabled = "True" }
        azureKeyvaultSecretsProvider = { enabled = false }
      }
      servicePrincipalProfile = { clientId = "msi" }
    }
  }
}
resource "azapi_resource" "aks" {
  type = var.preview ? "Microsoft.ContainerService/managedClusters@2026-03-02-preview" : "Microsoft.ContainerService/managedClusters@2026-03-01"
  name = "aks"
  body = merge(local.base, { sku = { tier = "Free" } })
}
resource "azapi_resource" "v1" {
  type = "Microsoft.ContainerService/managedClusters@2023-01-01"
  body = jsonencode({ properties = { enableRBAC = false } })
}
resource "azapi_resource" "heredoc" {
  type = "Microsoft.ContainerService/managedClusters@2023-01-01"
  body = <<JSON
{"properties": {"disableLocalAccounts": true}, "sku": {"name": "Automatic"}}
JSON
}
resource "azapi_update_resource" "patch" {
  type        = "Microsoft.ContainerService/managedClusters@2024-01-01"
  resource_id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/other"
  body = {
    properties = { disableLocalAccounts = false }
  }
}
resource "azapi_resource" "unknown" {
  type = "Microsoft.ContainerService/managedClusters@2024-01-01"
  body = var.body
}
resource "azapi_resource" "vnet" {
  type = "Microsoft.Network/virtualNetworks@2024-01-01"
  body = {}
}
variable "preview" {}
variable "body" {}
"#;

#[test]
fn bodies_answer_the_azurerm_names() {
    let m = module(&[("main.tf", V2)]);
    let scope = Scope::new(&m);
    let rs = scope.resources();
    let by = |n: &str| rs.iter().find(|r| r.name == n).unwrap();
    let aks = by("aks");
    assert_eq!(aks.azure, Some(AzureKind::Cluster));
    let arm = aks.arm.as_ref().unwrap();
    assert_eq!(
        arm.versions.len(),
        2,
        "both branches of the conditional type"
    );
    assert!(!arm.partial);
    let a = aks.attr("local_account_disabled").unwrap();
    assert_eq!(
        a.arm.as_deref(),
        Some("`properties.disableLocalAccounts = false`")
    );
    // The value points where it was written: the variable's default.
    assert_eq!(&V2[a.span.range()], "false");
    assert_eq!(shown(aks.attr("run_command_enabled")), "false", "inverted");
    assert_eq!(shown(aks.attr("sku_tier")), "Free");
    assert_eq!(shown(aks.attr("private_cluster_enabled")), "not written");
    assert_eq!(shown(aks.attr("no_such_attribute")), "not written");
    // Agent pools: one view per pool written (null skipped).
    let pools = aks.blocks("default_node_pool");
    assert_eq!(pools.len(), 2);
    assert_eq!(&*pools[1].name, "properties.agentPoolProfiles[2]");
    assert_eq!(shown(pools[0].attr("node_public_ip_enabled")), "true");
    // Add-ons by their key in any case, `"True"` as ARM reads it; a disabled one is no block.
    assert_eq!(aks.blocks("oms_agent")[0].presence, Presence::KnownNonEmpty);
    assert!(aks.blocks("key_vault_secrets_provider").is_empty());
    // `clientId = "msi"` is a managed identity.
    assert!(aks.blocks("service_principal").is_empty());
    assert!(aks.blocks("network_profile").is_empty());
    // The resource's own arguments stay readable.
    assert_eq!(shown(aks.argument("name")), "aks");

    let v1 = by("v1");
    assert_eq!(shown(v1.attr("role_based_access_control_enabled")), "false");
    let heredoc = by("heredoc");
    assert!(heredoc.arm.as_ref().unwrap().partial, "AKS Automatic");
    assert_eq!(shown(heredoc.attr("local_account_disabled")), "true");
    assert_eq!(shown(heredoc.attr("sku_tier")), "unknown");

    let patch = by("patch");
    assert!(patch.arm.as_ref().unwrap().partial);
    assert_eq!(shown(patch.attr("local_account_disabled")), "false");
    assert_eq!(
        shown(patch.attr("sku_tier")),
        "unknown",
        "a patch leaves it"
    );
    assert_eq!(
        patch.blocks("network_profile")[0].presence,
        Presence::Unknown
    );

    let unknown = by("unknown");
    assert_eq!(shown(unknown.attr("local_account_disabled")), "unknown");
    assert_eq!(
        unknown.blocks("azure_active_directory_role_based_access_control")[0].presence,
        Presence::Unknown
    );
    let vnet = by("vnet");
    assert!(vnet.arm.is_none() && vnet.azure.is_none());
    assert!(vnet.attr("body").is_some(), "read as written");
}

#[test]
fn vault_rbac_default_follows_the_api_version() {
    let text = |v: &str| {
        format!(
            "resource \"azapi_resource\" \"kv\" {{\n  type = \"Microsoft.KeyVault/vaults@{v}\"\n  body = {{ properties = {{}} }}\n}}\n"
        )
    };
    for (version, want) in [("2025-05-01", "not written"), ("2026-02-01", "true")] {
        let t = text(version);
        let m = module(&[("main.tf", &t)]);
        let scope = Scope::new(&m);
        let kv = &scope.resources()[0];
        assert_eq!(kv.azure, Some(AzureKind::KeyVault));
        assert_eq!(
            shown(kv.attr("rbac_authorization_enabled")),
            want,
            "{version}"
        );
    }
}

#[test]
fn sensitive_body_is_merged_over_body() {
    let m = module(&[(
        "main.tf",
        r#"
resource "azapi_resource" "aks" {
  type           = "Microsoft.ContainerService/managedClusters@2025-10-01"
  body           = { properties = { servicePrincipalProfile = { clientId = "msi" } } }
  sensitive_body = { properties = { servicePrincipalProfile = { clientId = "app", secret = "s" } } }
}
"#,
    )]);
    let scope = Scope::new(&m);
    let aks = &scope.resources()[0];
    let sp = aks.blocks("service_principal");
    assert_eq!(sp.len(), 1);
    assert_eq!(sp[0].presence, Presence::KnownNonEmpty);
}

#[test]
fn federated_credentials_give_their_subject() {
    let m = module(&[(
        "main.tf",
        r#"
resource "azapi_resource" "fic" {
  type      = "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31"
  name      = "app"
  parent_id = azapi_resource.identity.id
  body = {
    properties = {
      issuer    = "https://oidc.example"
      subject   = "system:serviceaccount:shop:web"
      audiences = ["api://AzureADTokenExchange"]
    }
  }
}
"#,
    )]);
    let scope = Scope::new(&m);
    let fic = &scope.resources()[0];
    assert_eq!(fic.azure, Some(AzureKind::FederatedCredential));
    assert_eq!(shown(fic.attr("subject")), "system:serviceaccount:shop:web");
}
