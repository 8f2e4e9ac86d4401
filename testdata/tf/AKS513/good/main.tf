resource "azurerm_key_vault" "on" {
  name                       = "kv-a"
  location                   = "westeurope"
  resource_group_name        = "rg-a"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  soft_delete_retention_days = 7
  purge_protection_enabled   = true
}

resource "azurerm_key_vault" "never_created" {
  count               = 0
  name                = "kv-b"
  location            = "westeurope"
  resource_group_name = "rg-b"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

data "azurerm_key_vault" "shared" {
  name                = "kv-shared"
  resource_group_name = "rg-shared"
}
