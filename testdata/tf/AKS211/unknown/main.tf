variable "routing" {
  type = bool
}

resource "azurerm_kubernetes_cluster" "from_var" {
  name                             = "aks-from_var"
  location                         = "westeurope"
  resource_group_name              = "rg"
  dns_prefix                       = "from_var"
  http_application_routing_enabled = var.routing

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

