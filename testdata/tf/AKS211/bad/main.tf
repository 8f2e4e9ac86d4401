resource "azurerm_kubernetes_cluster" "enabled" {
  name                             = "aks-enabled"
  location                         = "westeurope"
  resource_group_name              = "rg"
  dns_prefix                       = "enabled"
  http_application_routing_enabled = true # expect: AKS211

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "string" {
  name                             = "aks-string"
  location                         = "westeurope"
  resource_group_name              = "rg"
  dns_prefix                       = "string"
  http_application_routing_enabled = "true" # expect: AKS211

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

