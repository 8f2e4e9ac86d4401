variable "rbac" {
  type = bool
}

resource "azurerm_key_vault" "new_unknown" {
  name                       = "kv-a"
  location                   = "westeurope"
  resource_group_name        = "rg-a"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  rbac_authorization_enabled = var.rbac
}

# One spelling unknown: it may be the true one.
resource "azurerm_key_vault" "old_unknown_new_off" {
  name                       = "kv-b"
  location                   = "westeurope"
  resource_group_name        = "rg-b"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  enable_rbac_authorization  = var.rbac
  rbac_authorization_enabled = false
}
