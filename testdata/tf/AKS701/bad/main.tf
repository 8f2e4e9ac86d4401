resource "azurerm_kubernetes_cluster" "main" {  # expect: AKS701
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

resource "azurerm_monitor_diagnostic_setting" "kv" {
  name                       = "kv"
  target_resource_id         = azurerm_key_vault.kv.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category = "AuditEvent"
  }
}

resource "azurerm_key_vault" "kv" {
  name                = "kv-aks"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}
