resource "azurerm_key_vault" "private" {
  name                          = "kv-a"
  location                      = "westeurope"
  resource_group_name           = "rg-a"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  public_network_access_enabled = false
}

# Public endpoint behind a firewall that denies by default.
resource "azurerm_key_vault" "firewalled" {
  name                = "kv-b"
  location            = "westeurope"
  resource_group_name = "rg-b"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  network_acls {
    default_action             = "Deny"
    bypass                     = "AzureServices"
    ip_rules                   = ["203.0.113.0/24"]
    virtual_network_subnet_ids = []
  }
}

# Public access off wins over an allowing firewall.
resource "azurerm_key_vault" "private_with_allow" {
  name                          = "kv-c"
  location                      = "westeurope"
  resource_group_name           = "rg-c"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  public_network_access_enabled = false

  network_acls {
    default_action = "Allow"
    bypass         = "AzureServices"
  }
}

locals {
  acls = [{ action = "Deny" }]
}

resource "azurerm_key_vault" "dynamic_deny" {
  name                = "kv-d"
  location            = "westeurope"
  resource_group_name = "rg-d"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  dynamic "network_acls" {
    for_each = local.acls
    content {
      default_action = network_acls.value.action
      bypass         = "AzureServices"
    }
  }
}
