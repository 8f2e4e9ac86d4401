resource "azurerm_kubernetes_cluster" "defaulted" { # expect: AKS207
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

resource "azurerm_kubernetes_cluster" "enabled" {
  name                = "aks-enabled"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "enabled"
  run_command_enabled = true # expect: AKS207
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
  run_command_enabled = null # expect: AKS207
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

