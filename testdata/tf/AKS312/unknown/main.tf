variable "policy" {
  type = string
}

variable "plugin" {
  type = string
}

variable "data_plane" {
  type = string
}

resource "azurerm_kubernetes_cluster" "policy_var" {
  name                = "aks-policy_var"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "policy_var"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = var.policy
  }
}

resource "azurerm_kubernetes_cluster" "plugin_var" {
  name                = "aks-plugin_var"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "plugin_var"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = var.plugin
  }
}

resource "azurerm_kubernetes_cluster" "data_plane_var" {
  name                = "aks-data_plane_var"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "data_plane_var"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin     = "azure"
    network_data_plane = var.data_plane
  }
}

