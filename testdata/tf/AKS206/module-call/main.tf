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

module "edge" {
  source     = "./modules/pool"
  cluster_id = azurerm_kubernetes_cluster.main.id
  public     = true
}

module "apps" {
  source     = "./modules/pool"
  cluster_id = azurerm_kubernetes_cluster.main.id
  public     = false
}
