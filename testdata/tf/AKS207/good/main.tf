resource "azurerm_kubernetes_cluster" "disabled" {
  name                = "aks-disabled"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "disabled"
  run_command_enabled = false

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "string" {
  name                = "aks-string"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "string"
  run_command_enabled = "false"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

data "azurerm_kubernetes_cluster" "existing" {
  name                = "aks-elsewhere"
  resource_group_name = "rg"
}
