resource "azurerm_key_vault" "defaults" { # expect: AKS514
  name                = "kv-a"
  location            = "westeurope"
  resource_group_name = "rg-a"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_key_vault" "acl_allows" {
  name                = "kv-b"
  location            = "westeurope"
  resource_group_name = "rg-b"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  network_acls {
    default_action = "Allow" # expect: AKS514
    bypass         = "AzureServices"
    ip_rules       = ["203.0.113.0/24"]
  }
}

resource "azurerm_key_vault" "public_true" {
  name                          = "kv-c"
  location                      = "westeurope"
  resource_group_name           = "rg-c"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  public_network_access_enabled = true # expect: AKS514
}

resource "azurerm_key_vault" "empty_dynamic_acl" { # expect: AKS514
  name                = "kv-d"
  location            = "westeurope"
  resource_group_name = "rg-d"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  dynamic "network_acls" {
    for_each = []
    content {
      default_action = "Deny"
      bypass         = "AzureServices"
    }
  }
}

variable "default_action" {
  type    = string
  default = "Allow"
}

resource "azurerm_key_vault" "acl_from_variable" {
  name                = "kv-e"
  location            = "westeurope"
  resource_group_name = "rg-e"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  network_acls {
    default_action = var.default_action # expect: AKS514
    bypass         = "AzureServices"
  }
}
