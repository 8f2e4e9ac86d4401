# azurerm v3: ebpf_data_plane.
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
    ebpf_data_plane     = "cilium"
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
    network_plugin = "azure"
    network_policy = "calico"
  }
}

resource "azurerm_kubernetes_cluster" "none" {
  name                = "aks-none"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "none"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile { # expect: AKS312
    network_plugin = "azure"
  }
}

