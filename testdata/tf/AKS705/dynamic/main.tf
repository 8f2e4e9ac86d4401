variable "monitoring" {
  type = bool
}

variable "monitoring_off" {
  type    = bool
  default = false
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

  dynamic "oms_agent" {
    for_each = var.monitoring ? [1] : []
    content {
      log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"
    }
  }
}

resource "azurerm_kubernetes_cluster" "empty" {
  name                = "aks-empty"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-empty"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  dynamic "oms_agent" {  # expect: AKS705
    for_each = var.monitoring_off ? [1] : []
    content {
      log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"
    }
  }
}

resource "azurerm_kubernetes_cluster" "tfvars" {
  name                = "aks-tfvars"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-tfvars"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  dynamic "oms_agent" {
    for_each = var.monitoring_on ? [1] : []
    content {
      log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"
    }
  }
}

resource "azurerm_kubernetes_cluster" "unknown_for_each" { # expect: AKS705
  for_each = var.clusters

  name                = "aks-unknown_for_each"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-unknown_for_each"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

variable "monitoring_on" {
  type    = bool
  default = false
}

variable "clusters" {
  type = map(string)
}
