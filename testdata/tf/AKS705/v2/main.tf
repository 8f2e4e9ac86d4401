resource "azurerm_kubernetes_cluster" "on" {
  name                = "aks-on"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-on"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  addon_profile {
    oms_agent {
      enabled                    = true
      log_analytics_workspace_id = ""
    }
  }
}

resource "azurerm_kubernetes_cluster" "off" {
  name                = "aks-off"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-off"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  addon_profile {
    oms_agent {
      enabled = false  # expect: AKS705
    }
  }
}

resource "azurerm_kubernetes_cluster" "other_addon" {  # expect: AKS705
  name                = "aks-other_addon"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-other_addon"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  addon_profile {
    azure_policy {
      enabled = true
    }
  }
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

  addon_profile {
    oms_agent {
      enabled                    = var.monitoring
      log_analytics_workspace_id = ""
    }
  }
}

variable "monitoring" {
  type = bool
}
