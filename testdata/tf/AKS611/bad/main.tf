resource "azurerm_container_registry" "main" {
  name                = "acrshopprod"
  location            = "westeurope"
  resource_group_name = "rg-shop-prod"
  sku                 = "Premium"
  admin_enabled       = true # expect: AKS611
}

resource "azurerm_container_registry" "string_true" {
  name                = "acrshopdev"
  location            = "westeurope"
  resource_group_name = "rg-shop-dev"
  sku                 = "Basic"
  admin_enabled       = "true" # expect: AKS611
}
