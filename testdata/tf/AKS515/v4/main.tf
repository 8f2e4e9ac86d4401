resource "azurerm_key_vault" "new_off" {
  name                       = "kv-a"
  location                   = "westeurope"
  resource_group_name        = "rg-a"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  rbac_authorization_enabled = false # expect: AKS515
}

resource "azurerm_key_vault" "new_on" {
  name                       = "kv-b"
  location                   = "westeurope"
  resource_group_name        = "rg-b"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  rbac_authorization_enabled = true
}

# The old name is still accepted (deprecated) in v4.
resource "azurerm_key_vault" "old_on" {
  name                      = "kv-c"
  location                  = "westeurope"
  resource_group_name       = "rg-c"
  tenant_id                 = "00000000-0000-0000-0000-000000000000"
  sku_name                  = "standard"
  enable_rbac_authorization = true
}

resource "azurerm_key_vault" "not_set" { # expect: AKS515
  name                = "kv-d"
  location            = "westeurope"
  resource_group_name = "rg-d"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

# One spelling true is enough.
resource "azurerm_key_vault" "mixed" {
  name                       = "kv-e"
  location                   = "westeurope"
  resource_group_name        = "rg-e"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  rbac_authorization_enabled = true
  enable_rbac_authorization  = false
}
