variable "diagnostics" {
  type = bool
}

variable "clusters" {
  type = set(string)
}

resource "azurerm_kubernetes_cluster" "zero" {  # expect: AKS701
  name                = "aks-zero"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-zero"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "zero" {
  count = 0

  name                       = "zero"
  target_resource_id         = azurerm_kubernetes_cluster.zero.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category = "kube-audit"
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

# May or may not exist: as a candidate it still silences AKS701 for `maybe`.
resource "azurerm_monitor_diagnostic_setting" "maybe" {
  count = var.diagnostics ? 1 : 0

  name                       = "maybe"
  target_resource_id         = azurerm_kubernetes_cluster.maybe.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category = "kube-audit"
  }
}

# Unknown instances: one representative (`several["*"]`), and nothing sends its audit log.
resource "azurerm_kubernetes_cluster" "several" { # expect: AKS701
  for_each = var.clusters

  name                = each.key
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = each.key

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
