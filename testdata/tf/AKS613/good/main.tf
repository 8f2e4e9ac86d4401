resource "azurerm_container_registry" "default" {
  name                = "acra"
  location            = "westeurope"
  resource_group_name = "rg-a"
  sku                 = "Premium"
}

resource "azurerm_container_registry" "off" {
  name                   = "acrb"
  location               = "westeurope"
  resource_group_name    = "rg-b"
  sku                    = "Premium"
  anonymous_pull_enabled = false
}
