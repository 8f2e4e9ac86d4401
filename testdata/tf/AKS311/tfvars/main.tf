variable "network_plugin" {
  type    = string
  default = "azure"
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-main"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "main"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = var.network_plugin # expect: AKS311
  }
}

