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
    network_policy = "azure"
  }
}

resource "azurerm_kubernetes_cluster" "calico" {
  name                = "aks-calico"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "calico"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "kubenet"
    network_policy = "calico"
  }
}

resource "azurerm_kubernetes_cluster" "cilium" {
  name                = "aks-cilium"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "cilium"

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
    network_policy      = "cilium"
  }
}

# The Cilium data plane enforces NetworkPolicies without network_policy.
resource "azurerm_kubernetes_cluster" "cilium_data_plane" {
  name                = "aks-cilium_data_plane"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "cilium_data_plane"

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

# Bring your own CNI brings its own enforcement.
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

