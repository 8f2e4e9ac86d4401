resource "azurerm_kubernetes_cluster" "private" {
  name                                = "aks-private"
  location                            = "westeurope"
  resource_group_name                 = "rg"
  dns_prefix                          = "private"
  private_cluster_enabled             = true
  private_cluster_public_fqdn_enabled = true # expect: AKS209

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

