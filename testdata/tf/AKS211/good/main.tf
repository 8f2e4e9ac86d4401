resource "azurerm_kubernetes_cluster" "defaulted" {
  name                = "aks-defaulted"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "defaulted"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "disabled" {
  name                             = "aks-disabled"
  location                         = "westeurope"
  resource_group_name              = "rg"
  dns_prefix                       = "disabled"
  http_application_routing_enabled = false

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "null" {
  name                             = "aks-null"
  location                         = "westeurope"
  resource_group_name              = "rg"
  dns_prefix                       = "null"
  http_application_routing_enabled = null

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

