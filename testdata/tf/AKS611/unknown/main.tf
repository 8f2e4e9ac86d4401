variable "admin" {
  type = bool
}

resource "azurerm_container_registry" "main" {
  name                = "acra"
  location            = "westeurope"
  resource_group_name = "rg-a"
  sku                 = "Standard"
  admin_enabled       = var.admin
}

resource "azurerm_container_registry" "count_unknown" {
  count               = var.admin ? 1 : 0
  name                = "acrb"
  location            = "westeurope"
  resource_group_name = "rg-b"
  sku                 = "Standard"
  admin_enabled       = true # expect: AKS611
}
