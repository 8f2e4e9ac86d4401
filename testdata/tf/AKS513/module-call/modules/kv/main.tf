variable "name" {
  type = string
}

variable "purge_protection" {
  type    = bool
  default = false
}

resource "azurerm_key_vault" "this" {
  name                     = var.name
  location                 = "westeurope"
  resource_group_name      = "rg-${var.name}"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = var.purge_protection # expect: AKS513
}
