variable "target_resource_id" {
  type = string
}

resource "azurerm_monitor_diagnostic_setting" "this" {  # expect: AKS702
  name                       = "diagnostics"
  target_resource_id         = var.target_resource_id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category = "kube-audit-admin"
  }
}
