resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-main"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "main"

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4ds_v5"
    host_encryption_enabled = var.host_encryption # expect: AKS205
  }

  identity {
    type = "SystemAssigned"
  }
}

# default = null: the provider default (false) applies.
resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                    = "apps"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.main.id
  vm_size                 = "Standard_D8ds_v5"
  host_encryption_enabled = var.pool_host_encryption # expect: AKS205
}
