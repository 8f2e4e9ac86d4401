variable "purge_protection" {
  type = bool
}

variable "vaults" {
  type = set(string)
}

resource "azurerm_key_vault" "value_unknown" {
  name                     = "kv-a"
  location                 = "westeurope"
  resource_group_name      = "rg-a"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = var.purge_protection
}

resource "azurerm_key_vault" "for_each_unknown" { # expect: AKS513
  for_each            = var.vaults
  name                = each.key
  location            = "westeurope"
  resource_group_name = "rg-b"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}
