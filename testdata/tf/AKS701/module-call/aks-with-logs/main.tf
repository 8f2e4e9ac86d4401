resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks-this"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-this"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

module "logs" {
  source             = "../diagnostics"
  target_resource_id = azurerm_kubernetes_cluster.this.id
  categories         = ["kube-audit"]
}
