variable "instances" {
  type = number
}

module "registry" {
  source = "../modules/acr"
  name   = "contosoregistry"
  admin  = true
}

module "locked" {
  source = "../modules/acr"
  name   = "contosolocked"
  admin  = false
}

# Its count is unknown: the registries may not exist, but one representative instance
# (`module.maybe[*]`) is judged, and its admin account is on.
module "maybe" {
  source = "../modules/acr"
  count  = var.instances
  name   = "contosomaybe"
  admin  = true
}

resource "azurerm_key_vault" "kv" {
  name                     = "contoso-kv"
  location                 = "westeurope"
  resource_group_name      = "rg"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  # akslint-ignore: AKS513 -- dev vault, recreated daily
  purge_protection_enabled = false
}

resource "azurerm_key_vault" "other" {
  name                     = "contoso-kv2"
  location                 = "westeurope"
  resource_group_name      = "rg"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = true # akslint-ignore: AKS513 -- nothing to suppress # expect: AKS003
}

resource "azurerm_key_vault" "third" { # akslint-ignore: AKS513 # expect: AKS005
  name                = "contoso-kv3"
  location            = "westeurope"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}
