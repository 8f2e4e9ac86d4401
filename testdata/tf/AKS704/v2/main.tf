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
    azure_policy {
      enabled = true
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
    azure_policy {
      enabled = false  # expect: AKS704
    }
  }
}

resource "azurerm_kubernetes_cluster" "other_addon" {  # expect: AKS704
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
    oms_agent {
      enabled                    = true
      log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"
    }
  }
}

resource "azurerm_kubernetes_cluster" "dynamic" {
  name                = "aks-dynamic"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-dynamic"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  dynamic "addon_profile" {
    for_each = var.addons
    content {
      azure_policy {
        enabled = addon_profile.value
      }
    }
  }
}

variable "addons" {
  type = list(bool)
}
