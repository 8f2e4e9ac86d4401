# No network_profile: AKS picks kubenet for Kubernetes before 1.30.
resource "azurerm_kubernetes_cluster" "no_profile" { # expect: AKS311
  name                = "aks-no_profile"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "no_profile"
  kubernetes_version  = "1.29.7"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
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

  network_profile {
    network_plugin = "kubenet" # expect: AKS311
    network_policy = "calico"
  }
}

# A typo the provider rejects (Checkov's CKV2_AZURE_29 fixture).
resource "azurerm_kubernetes_cluster" "typo" {
  name                = "aks-typo"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "typo"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "kubernet" # expect: AKS311
  }
}

