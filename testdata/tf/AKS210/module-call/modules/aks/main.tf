variable "des_id" {
  type    = string
  default = null
}

resource "azurerm_kubernetes_cluster" "this" {
  name                   = "aks-this"
  location               = "westeurope"
  resource_group_name    = "rg"
  dns_prefix             = "this"
  disk_encryption_set_id = var.des_id # expect: AKS210

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

