# v5 requires rbac_authorization_enabled: without it nothing deploys with RBAC.
resource "azurerm_key_vault" "not_set" { # expect: AKS515
  name                = "kv-a"
  location            = "westeurope"
  resource_group_name = "rg-a"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_key_vault" "on" {
  name                       = "kv-b"
  location                   = "westeurope"
  resource_group_name        = "rg-b"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  rbac_authorization_enabled = true
}
