# Not written: the provider default (false) keeps local accounts.
resource "azurerm_kubernetes_cluster" "absent" { # expect: AKS101
  name                = "aks-absent"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "absent"

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "explicit_false" {
  name                   = "aks-false"
  location               = "westeurope"
  resource_group_name    = "rg"
  dns_prefix             = "false"
  local_account_disabled = false # expect: AKS101

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }
}

# null is the provider default.
resource "azurerm_kubernetes_cluster" "explicit_null" {
  name                   = "aks-null"
  location               = "westeurope"
  resource_group_name    = "rg"
  dns_prefix             = "null"
  local_account_disabled = null # expect: AKS101
}

# The string "false" is converted by the provider.
resource "azurerm_kubernetes_cluster" "string_false" {
  name                   = "aks-string"
  local_account_disabled = "false" # expect: AKS101
}

# A known count of one is one cluster.
resource "azurerm_kubernetes_cluster" "counted" { # expect: AKS101
  count = 1
  name  = "aks-counted"
}

locals {
  hardened = false
}

resource "azurerm_kubernetes_cluster" "from_local" {
  name                   = "aks-local"
  local_account_disabled = local.hardened ? true : false # expect: AKS101
}
