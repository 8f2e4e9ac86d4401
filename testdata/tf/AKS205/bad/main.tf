# Encryption at host left at its default (false), or switched off, on every kind of pool.

resource "azurerm_kubernetes_cluster" "defaulted" {
  name                = "aks-defaulted"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "defaulted"

  default_node_pool { # expect: AKS205
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "disabled" {
  name                = "aks-disabled"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "disabled"

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4ds_v5"
    host_encryption_enabled = false # expect: AKS205
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "defaulted" { # expect: AKS205
  name                  = "apps"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.disabled.id
  vm_size               = "Standard_D8ds_v5"
}

resource "azurerm_kubernetes_cluster_node_pool" "disabled" {
  name                    = "batch"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.disabled.id
  vm_size                 = "Standard_D8ds_v5"
  host_encryption_enabled = "false" # expect: AKS205
}

resource "azurerm_kubernetes_cluster_node_pool" "null" {
  name                    = "gpu"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.disabled.id
  vm_size                 = "Standard_NC6s_v3"
  host_encryption_enabled = null # expect: AKS205
}

# count = 2: one finding for the resource (its instances share the configuration).
resource "azurerm_kubernetes_cluster_node_pool" "counted" { # expect: AKS205
  count                 = 2
  name                  = "pool${count.index}"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.disabled.id
  vm_size               = "Standard_D8ds_v5"
}

# A pool added to a cluster managed elsewhere.
data "azurerm_kubernetes_cluster" "shared" {
  name                = "aks-shared"
  resource_group_name = "rg-shared"
}

resource "azurerm_kubernetes_cluster_node_pool" "on_shared" { # expect: AKS205
  name                  = "tenant"
  kubernetes_cluster_id = data.azurerm_kubernetes_cluster.shared.id
  vm_size               = "Standard_D8ds_v5"
}
