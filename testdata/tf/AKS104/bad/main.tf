resource "azurerm_kubernetes_cluster" "explicit_false" {
  name                              = "aks-false"
  location                          = "westeurope"
  resource_group_name               = "rg"
  dns_prefix                        = "false"
  role_based_access_control_enabled = false # expect: AKS104

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "string_false" {
  name                              = "aks-string"
  role_based_access_control_enabled = "false" # expect: AKS104
}

locals {
  rbac = {
    enabled = false
  }
}

resource "azurerm_kubernetes_cluster" "from_local" {
  name                              = "aks-local"
  role_based_access_control_enabled = local.rbac.enabled # expect: AKS104
}
