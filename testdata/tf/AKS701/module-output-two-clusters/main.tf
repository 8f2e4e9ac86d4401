# The setting reaches the module's cluster through its output: that cluster has its audit logs,
# the root's own cluster (of the same resource name) has none.
module "aks" {
  source = "./modules/aks"
  name   = "aks-module"
}

resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "aks"
  target_resource_id         = module.aks.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category = "kube-audit-admin"
  }
}

resource "azurerm_kubernetes_cluster" "this" { # expect: AKS701
  name                = "aks-root"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-root"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
