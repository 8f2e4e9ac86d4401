resource "azurerm_kubernetes_cluster" "audit" {
  name                = "aks-audit"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-audit"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "audit" {
  name                       = "audit"
  target_resource_id         = azurerm_kubernetes_cluster.audit.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category_group = "audit"
  }
}

resource "azurerm_kubernetes_cluster" "all" {
  name                = "aks-all"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-all"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "all" {
  name                       = "all"
  target_resource_id         = azurerm_kubernetes_cluster.all.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category_group = "allLogs"
  }
}

resource "azurerm_kubernetes_cluster" "other" {
  name                = "aks-other"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-other"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "other" {  # expect: AKS701
  name                       = "other"
  target_resource_id         = azurerm_kubernetes_cluster.other.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category_group = "metrics"
  }
}
