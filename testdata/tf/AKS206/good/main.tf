# Absent (default false), false, null: no public node IPs.

variable "public" {
  type    = bool
  default = null
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-main"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "main"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "off" {
  name                   = "apps"
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.main.id
  vm_size                = "Standard_D8ds_v5"
  node_public_ip_enabled = false
}

resource "azurerm_kubernetes_cluster_node_pool" "null" {
  name                   = "batch"
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.main.id
  vm_size                = "Standard_D8ds_v5"
  node_public_ip_enabled = var.public
}

# Not a node pool of ours: a data source.
data "azurerm_kubernetes_cluster_node_pool" "existing" {
  name                    = "edge"
  kubernetes_cluster_name = "aks-elsewhere"
  resource_group_name     = "rg"
}
