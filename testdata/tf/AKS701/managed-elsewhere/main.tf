resource "azurerm_kubernetes_cluster" "none" {
  name                = "aks-none"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-none"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "lacking" {
  name                = "aks-lacking"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-lacking"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "lacking" {  # expect: AKS701
  name                       = "lacking"
  target_resource_id         = azurerm_kubernetes_cluster.lacking.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category = "kube-apiserver"
  }
}
