resource "azurerm_kubernetes_cluster" "first" {
  name                = "aks-first"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-first"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "first" {
  name                       = "first"
  target_resource_id         = azurerm_kubernetes_cluster.first.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category = var.audit_category
  }
}

resource "azurerm_kubernetes_cluster" "second" {
  name                = "aks-second"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-second"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "second" {  # expect: AKS701
  name                       = "second"
  target_resource_id         = azurerm_kubernetes_cluster.second.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category = var.second_category
  }
}

resource "azurerm_kubernetes_cluster" "third" {  # expect: AKS701
  name                = "aks-third"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-third"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "third" {
  count = var.enable_third ? 1 : 0

  name                       = "third"
  target_resource_id         = azurerm_kubernetes_cluster.third.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category = "kube-audit"
  }
}
