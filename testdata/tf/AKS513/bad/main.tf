resource "azurerm_key_vault" "not_set" { # expect: AKS513
  name                = "kv-a"
  location            = "westeurope"
  resource_group_name = "rg-a"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_key_vault" "off" {
  name                     = "kv-b"
  location                 = "westeurope"
  resource_group_name      = "rg-b"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = false # expect: AKS513
}

variable "purge_protection" {
  type    = bool
  default = null
}

resource "azurerm_key_vault" "null_default" {
  name                     = "kv-c"
  location                 = "westeurope"
  resource_group_name      = "rg-c"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = var.purge_protection # expect: AKS513
}

locals {
  environment = "dev"
}

resource "azurerm_key_vault" "conditional" {
  name                     = "kv-d"
  location                 = "westeurope"
  resource_group_name      = "rg-d"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = local.environment == "prod" # expect: AKS513
}
