resource "azurerm_kubernetes_cluster" "defaulted" { # expect: AKS208
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

resource "azurerm_kubernetes_cluster" "free" {
  name                = "aks-free"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "free"
  sku_tier            = "Free" # expect: AKS208

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "null" {
  name                = "aks-null"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "null"
  sku_tier            = null # expect: AKS208

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

