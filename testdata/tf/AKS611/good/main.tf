resource "azurerm_container_registry" "default" {
  name                = "acra"
  location            = "westeurope"
  resource_group_name = "rg-a"
  sku                 = "Standard"
}

resource "azurerm_container_registry" "off" {
  name                = "acrb"
  location            = "westeurope"
  resource_group_name = "rg-b"
  sku                 = "Standard"
  admin_enabled       = false
}

variable "admin" {
  type    = bool
  default = null
}

# null: the provider default (false) applies.
resource "azurerm_container_registry" "null_default" {
  name                = "acrc"
  location            = "westeurope"
  resource_group_name = "rg-c"
  sku                 = "Standard"
  admin_enabled       = var.admin
}

resource "azurerm_container_registry" "never_created" {
  count               = 0
  name                = "acrd"
  location            = "westeurope"
  resource_group_name = "rg-d"
  sku                 = "Standard"
  admin_enabled       = true
}
