variable "categories" {
  type = list(string)
}

variable "diagnostics" {
  type = bool
}

variable "controller_logs" {
  type = bool
}

resource "azurerm_kubernetes_cluster" "categories" {
  name                = "aks-categories"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-categories"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "categories" {
  name                       = "categories"
  target_resource_id         = azurerm_kubernetes_cluster.categories.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category = "kube-audit"
  }

  dynamic "enabled_log" {
    for_each = var.categories
    content {
      category = enabled_log.value
    }
  }
}

resource "azurerm_kubernetes_cluster" "count" {
  name                = "aks-count"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-count"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "count_base" {
  name                       = "count_base"
  target_resource_id         = azurerm_kubernetes_cluster.count.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category = "kube-audit"
  }
}

resource "azurerm_monitor_diagnostic_setting" "count_extra" {
  count = var.diagnostics ? 1 : 0

  name                       = "count_extra"
  target_resource_id         = azurerm_kubernetes_cluster.count.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category = "kube-apiserver"
  }

  enabled_log {
    category = "kube-controller-manager"
  }
}

resource "azurerm_kubernetes_cluster" "enabled" {
  name                = "aks-enabled"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-enabled"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "enabled" {
  name                       = "enabled"
  target_resource_id         = azurerm_kubernetes_cluster.enabled.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  dynamic "enabled_log" {
    for_each = var.controller_logs ? ["kube-apiserver", "kube-controller-manager"] : []
    content {
      category = enabled_log.value
    }
  }
}
