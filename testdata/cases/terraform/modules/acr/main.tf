variable "name" {
  type = string
}

variable "admin" {
  type    = bool
  default = null
}

resource "azurerm_container_registry" "this" {
  name                = var.name
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled       = var.admin # expect: AKS611, AKS611
}
