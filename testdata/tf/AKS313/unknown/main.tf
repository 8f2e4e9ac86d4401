variable "outbound" {
  type = string
}

variable "enabled" {
  type = bool
}

resource "azurerm_kubernetes_cluster" "from_var" {
  name                = "aks-from_var"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "from_var"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    outbound_type  = var.outbound
  }
}

# The cluster may not exist; if it does, it has no network profile (a representative instance).
resource "azurerm_kubernetes_cluster" "maybe" { # expect: AKS313
  count               = var.enabled ? 1 : 0
  name                = "aks-maybe"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "maybe"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

