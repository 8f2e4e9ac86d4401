# The default is true.
resource "azurerm_kubernetes_cluster" "absent" {
  name                = "aks-absent"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "absent"
}

resource "azurerm_kubernetes_cluster" "explicit_true" {
  name                              = "aks-true"
  role_based_access_control_enabled = true
}

# null is the provider default (true).
resource "azurerm_kubernetes_cluster" "explicit_null" {
  name                              = "aks-null"
  role_based_access_control_enabled = null
}

data "azurerm_kubernetes_cluster" "existing" {
  name                = "aks-elsewhere"
  resource_group_name = "rg"
}

resource "azurerm_kubernetes_cluster" "not_created" {
  count                             = 0
  name                              = "aks-none"
  role_based_access_control_enabled = false
}
