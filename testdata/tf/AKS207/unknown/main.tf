variable "run_command" {
  type = bool
}

variable "clusters" {
  type = set(string)
}

resource "azurerm_kubernetes_cluster" "from_var" {
  name                = "aks-from_var"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "from_var"
  run_command_enabled = var.run_command

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "each" { # expect: AKS207
  for_each            = var.clusters
  name                = "aks-each"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "each"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

