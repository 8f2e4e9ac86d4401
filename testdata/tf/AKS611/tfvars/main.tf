variable "acr_admin_enabled" {
  type    = bool
  default = false
}

resource "azurerm_container_registry" "main" {
  name                = "acra"
  location            = "westeurope"
  resource_group_name = "rg-a"
  sku                 = "Standard"
  admin_enabled       = var.acr_admin_enabled # expect: AKS611
}
