resource "azurerm_kubernetes_cluster" "absent" { # expect: AKS203
  name                = "aks-absent"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "absent"

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }
}

resource "azurerm_kubernetes_cluster" "none" {
  name                      = "aks-none"
  automatic_upgrade_channel = "none" # expect: AKS203
}

resource "azurerm_kubernetes_cluster" "node_image" {
  name                      = "aks-node-image"
  automatic_upgrade_channel = "node-image" # expect: AKS203
}

resource "azurerm_kubernetes_cluster" "null" {
  name                      = "aks-null"
  automatic_upgrade_channel = null # expect: AKS203
}

variable "upgrade_channel" {
  type    = string
  default = null
}

resource "azurerm_kubernetes_cluster" "null_default" {
  name                      = "aks-null-default"
  automatic_upgrade_channel = var.upgrade_channel # expect: AKS203
}
