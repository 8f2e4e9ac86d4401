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

module "aks_diagnostics" {
  source  = "claranet/diagnostic-settings/azurerm"
  version = "~> 7.0"

  resource_id           = azurerm_kubernetes_cluster.main.id
  logs_destinations_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"]
}
