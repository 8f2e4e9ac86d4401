# azurerm v3 spelling: enable_host_encryption.

resource "azurerm_kubernetes_cluster" "v3" {
  name                = "aks-v3"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "v3"

  default_node_pool {
    name                   = "system"
    vm_size                = "Standard_D4ds_v5"
    enable_host_encryption = true
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "off" {
  name                   = "apps"
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.v3.id
  vm_size                = "Standard_D8ds_v5"
  enable_host_encryption = false # expect: AKS205
}

resource "azurerm_kubernetes_cluster_node_pool" "on" {
  name                   = "batch"
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.v3.id
  vm_size                = "Standard_D8ds_v5"
  enable_host_encryption = true
}

# Not written: the message and the help both use the v3 name.
resource "azurerm_kubernetes_cluster_node_pool" "unset" { # expect: AKS205
  name                  = "spot"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.v3.id
  vm_size               = "Standard_D8ds_v5"
}
