resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-main"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "main"

  default_node_pool {
    name                   = "system"
    vm_size                = "Standard_D4ds_v5"
    node_public_ip_enabled = true # expect: AKS206
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "edge" {
  name                   = "edge"
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.main.id
  vm_size                = "Standard_D8ds_v5"
  node_public_ip_enabled = "true" # expect: AKS206
}

locals {
  public = true
}

resource "azurerm_kubernetes_cluster_node_pool" "from_local" {
  name                   = "games"
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.main.id
  vm_size                = "Standard_D8ds_v5"
  node_public_ip_enabled = local.public # expect: AKS206
}
