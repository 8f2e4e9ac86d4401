resource "azurerm_key_vault" "not_set" { # expect: AKS515
  name                = "kv-a"
  location            = "westeurope"
  resource_group_name = "rg-a"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  access_policy {
    tenant_id          = "00000000-0000-0000-0000-000000000000"
    object_id          = "11111111-1111-1111-1111-111111111111"
    secret_permissions = ["Get"]
  }
}

resource "azurerm_key_vault" "off" {
  name                      = "kv-b"
  location                  = "westeurope"
  resource_group_name       = "rg-b"
  tenant_id                 = "00000000-0000-0000-0000-000000000000"
  sku_name                  = "standard"
  enable_rbac_authorization = false # expect: AKS515
}

resource "azurerm_key_vault" "on" {
  name                      = "kv-c"
  location                  = "westeurope"
  resource_group_name       = "rg-c"
  tenant_id                 = "00000000-0000-0000-0000-000000000000"
  sku_name                  = "standard"
  enable_rbac_authorization = true
}

variable "rbac" {
  type    = bool
  default = null
}

resource "azurerm_key_vault" "null_default" {
  name                      = "kv-d"
  location                  = "westeurope"
  resource_group_name       = "rg-d"
  tenant_id                 = "00000000-0000-0000-0000-000000000000"
  sku_name                  = "standard"
  enable_rbac_authorization = var.rbac # expect: AKS515
}
