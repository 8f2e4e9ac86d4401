variable "run_command" {
  type    = bool
  default = null
}

resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks-this"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "this"
  run_command_enabled = var.run_command # expect: AKS207
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

