variable "policy" {
  type = bool
}

variable "policy_null" {
  type    = bool
  default = null
}

variable "policy_off" {
  type    = bool
  default = false
}

resource "azurerm_kubernetes_cluster" "unknown" {
  name                = "aks-unknown"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-unknown"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  azure_policy_enabled = var.policy
}

resource "azurerm_kubernetes_cluster" "null" {
  name                = "aks-null"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-null"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  azure_policy_enabled = var.policy_null  # expect: AKS704
}

resource "azurerm_kubernetes_cluster" "default_false" {
  name                = "aks-default_false"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-default_false"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  azure_policy_enabled = var.policy_off  # expect: AKS704
}

resource "azurerm_kubernetes_cluster" "from_tfvars" {
  name                = "aks-from_tfvars"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-from_tfvars"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  azure_policy_enabled = var.policy_on
}

resource "azurerm_kubernetes_cluster" "unknown_count" { # expect: AKS704
  count = var.policy ? 1 : 0

  name                = "aks-unknown_count"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-unknown_count"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
