# Encryption at host on every pool; data sources and other resources are not judged.

resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-main"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "main"

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4ds_v5"
    host_encryption_enabled = true
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                    = "apps"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.main.id
  vm_size                 = "Standard_D8ds_v5"
  host_encryption_enabled = true
}

# A pool that does not exist.
resource "azurerm_kubernetes_cluster_node_pool" "none" {
  count                 = 0
  name                  = "none"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D8ds_v5"
}

data "azurerm_kubernetes_cluster" "existing" {
  name                = "aks-elsewhere"
  resource_group_name = "rg"
}

resource "azurerm_linux_virtual_machine_scale_set" "not_aks" {
  name                = "vmss"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Standard_D2s_v5"
}
