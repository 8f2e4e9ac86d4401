# A setting that cannot be known (a variable without a value) never fires.
variable "workload_identity" {
  type = bool
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-main"
  location            = "westeurope"
  resource_group_name = "rg-shop"
  dns_prefix          = "main"
  workload_identity_enabled = var.workload_identity

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
