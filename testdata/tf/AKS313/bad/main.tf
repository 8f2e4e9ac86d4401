resource "azurerm_kubernetes_cluster" "no_profile" { # expect: AKS313
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

resource "azurerm_kubernetes_cluster" "no_outbound" {
  name                = "aks-no_outbound"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "no_outbound"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile { # expect: AKS313
    network_plugin = "azure"
  }
}

resource "azurerm_kubernetes_cluster" "load_balancer" {
  name                = "aks-load_balancer"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "load_balancer"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    outbound_type  = "loadBalancer" # expect: AKS313
  }
}

resource "azurerm_kubernetes_cluster" "null_outbound" {
  name                = "aks-null_outbound"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "null_outbound"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    outbound_type  = null # expect: AKS313
  }
}

