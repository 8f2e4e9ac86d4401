resource "azurerm_kubernetes_cluster" "udr" {
  name                = "aks-udr"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "udr"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    outbound_type  = "userDefinedRouting"
  }
}

resource "azurerm_kubernetes_cluster" "managed_nat" {
  name                = "aks-managed_nat"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "managed_nat"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    outbound_type  = "managedNATGateway"
  }
}

resource "azurerm_kubernetes_cluster" "user_nat" {
  name                = "aks-user_nat"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "user_nat"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    outbound_type  = "userAssignedNATGateway"
  }
}

# A network-isolated cluster.
resource "azurerm_kubernetes_cluster" "isolated" {
  name                = "aks-isolated"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "isolated"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    outbound_type  = "none"
  }
}

