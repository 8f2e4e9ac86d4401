# The configuration `plan.json` was planned from (`terraform plan -var kv_public=true -out
# plan.out && terraform show -json plan.out > plan.json`). Its clusters come from registry
# modules, which akslint cannot read offline (they are not vendored under .terraform/modules):
# the plan is where their values are.
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
    azapi = {
      source  = "Azure/azapi"
      version = "~> 2.0"
    }
  }
}

provider "azurerm" {
  features {}
}

variable "kv_public" {
  description = "Whether the vault is reachable from the internet."
  type        = bool
}

data "azurerm_client_config" "current" {}

resource "azurerm_key_vault" "kv" {
  name                          = "kv-plan-demo"
  location                      = "westeurope"
  resource_group_name           = "rg-plan-demo"
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = "standard"
  purge_protection_enabled      = false # expect: AKS513
  public_network_access_enabled = var.kv_public
}

resource "azurerm_log_analytics_workspace" "law" {
  name                = "log-plan-demo"
  location            = "westeurope"
  resource_group_name = "rg-plan-demo"
  sku                 = "PerGB2018"
  retention_in_days   = 30
}

module "aks" {
  source              = "Azure/aks/azurerm"
  version             = "~> 9.0"
  prefix              = "aks-plan-demo"
  location            = "westeurope"
  resource_group_name = "rg-plan-demo"
}

module "avm" {
  source    = "Azure/avm-res-containerservice-managedcluster/azurerm"
  version   = "0.8.1"
  name      = "avm-plan-demo"
  location  = "westeurope"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-plan-demo"
}

resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "aks-control-plane"
  target_resource_id         = module.aks.aks_id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.law.id

  enabled_log {
    category = "kube-apiserver"
  }
}
