resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-main"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-main"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

module "aks" {
  source       = "./aks"
  cluster_name = var.cluster_name
}

resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "aks"
  target_resource_id         = module.aks.cluster_id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category = "kube-audit"
  }
}

variable "cluster_name" {
  type = string
}
