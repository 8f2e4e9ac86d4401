resource "azurerm_kubernetes_cluster" "no_profile" { # expect: AKS312
  name                = "aks-no_profile"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "no_profile"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "no_policy" {
  name                = "aks-no_policy"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "no_policy"

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

resource "azurerm_kubernetes_cluster" "null_policy" {
  name                = "aks-null_policy"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "null_policy"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = null # expect: AKS312
  }
}

resource "azurerm_kubernetes_cluster" "not_engine" {
  name                = "aks-not_engine"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "not_engine"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "none" # expect: AKS312
  }
}

resource "azurerm_kubernetes_cluster" "kubenet" {
  name                = "aks-kubenet"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "kubenet"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile { # expect: AKS312
    network_plugin = "kubenet"
  }
}

resource "azurerm_kubernetes_cluster" "azure_data_plane" {
  name                = "aks-azure_data_plane"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "azure_data_plane"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile { # expect: AKS312
    network_plugin     = "azure"
    network_data_plane = "azure"
  }
}

