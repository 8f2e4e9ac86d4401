variable "name" {
  type = string
}

variable "host_encryption" {
  type    = bool
  default = null
}

resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks-${var.name}"
  location            = "westeurope"
  resource_group_name = "rg-${var.name}"
  dns_prefix          = var.name

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4ds_v5"
    host_encryption_enabled = var.host_encryption # expect: AKS205, AKS205
  }

  identity {
    type = "SystemAssigned"
  }
}
