resource "azurerm_kubernetes_cluster" "patch" {
  name                      = "aks-patch"
  location                  = "westeurope"
  resource_group_name       = "rg"
  dns_prefix                = "patch"
  automatic_upgrade_channel = "patch"
}

resource "azurerm_kubernetes_cluster" "stable" {
  name                      = "aks-stable"
  automatic_upgrade_channel = "stable"
}

resource "azurerm_kubernetes_cluster" "rapid" {
  name                      = "aks-rapid"
  automatic_upgrade_channel = "rapid"
}

data "azurerm_kubernetes_cluster" "existing" {
  name                = "aks-elsewhere"
  resource_group_name = "rg"
}

resource "azurerm_kubernetes_cluster" "not_created" {
  count = 0
  name  = "aks-none"
}
