resource "azurerm_kubernetes_cluster" "defaulted" { # expect: AKS210
  name                = "aks-defaulted"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "defaulted"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "null" {
  name                   = "aks-null"
  location               = "westeurope"
  resource_group_name    = "rg"
  dns_prefix             = "null"
  disk_encryption_set_id = null # expect: AKS210

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

