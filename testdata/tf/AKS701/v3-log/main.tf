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
}

resource "azurerm_monitor_diagnostic_setting" "on" {
  name                       = "on"
  target_resource_id         = azurerm_kubernetes_cluster.on.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  log {
    category = "kube-audit"

    retention_policy {
      enabled = false
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
}

resource "azurerm_monitor_diagnostic_setting" "off" {  # expect: AKS701
  name                       = "off"
  target_resource_id         = azurerm_kubernetes_cluster.off.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  log {
    category = "kube-audit"
    enabled  = false
  }

  log {
    category = "kube-apiserver"
    enabled  = true
  }
}

resource "azurerm_kubernetes_cluster" "maybe" {
  name                = "aks-maybe"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-maybe"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "maybe" {
  name                       = "maybe"
  target_resource_id         = azurerm_kubernetes_cluster.maybe.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  log {
    category = "kube-audit"
    enabled  = var.audit_enabled
  }
}

variable "audit_enabled" {
  type = bool
}
