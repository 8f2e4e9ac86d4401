resource "azurerm_security_center_subscription_pricing" "vms" {
  tier = "Standard"
}

resource "azurerm_security_center_subscription_pricing" "containers" {
  tier          = "Standard"
  resource_type = "Containers"
}
