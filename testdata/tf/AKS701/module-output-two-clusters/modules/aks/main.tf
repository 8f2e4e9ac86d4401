variable "name" {
  type = string
}

resource "azurerm_kubernetes_cluster" "this" {
  name                = var.name
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = var.name

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

output "id" {
  value = azurerm_kubernetes_cluster.this.id
}
