resource "azurerm_kubernetes_cluster" "azure" {
  name                = "aks-azure"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "azure"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
  }
}

resource "azurerm_kubernetes_cluster" "overlay" {
  name                = "aks-overlay"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "overlay"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
  }
}

# Bring your own CNI.
resource "azurerm_kubernetes_cluster" "byo" {
  name                = "aks-byo"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "byo"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "none"
  }
}

# No network_profile: the provider sends none and AKS picks the plugin by Kubernetes version,
# Azure CNI Overlay from 1.30 on (also for AKS's default version, when none is set).
resource "azurerm_kubernetes_cluster" "default_version" {
  name                = "aks-default-version"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "default-version"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "recent_version" {
  name                = "aks-recent-version"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "recent-version"
  kubernetes_version  = "1.31"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
