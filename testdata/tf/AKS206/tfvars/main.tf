variable "public_nodes" {
  type    = bool
  default = false
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-main"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "main"

  default_node_pool {
    name                   = "system"
    vm_size                = "Standard_D4ds_v5"
    node_public_ip_enabled = var.public_nodes # expect: AKS206
  }

  identity {
    type = "SystemAssigned"
  }
}
