variable "outbound_type" {
  type    = string
  default = "loadBalancer"
}

resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks-this"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "this"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    outbound_type  = var.outbound_type # expect: AKS313
  }
}

