variable "name" {
  type = string
}

variable "location" {
  type = string
}

variable "private" {
  type = bool
}

variable "diagnostics" {
  type = bool
}

# Local accounts stay on in every stamp (AKS101, whatever the instance); whether the API server
# is private depends on the instance: unknown in the representative, silent (AKS201). Nothing
# turns on Defender for Containers (AKS703).
resource "azurerm_kubernetes_cluster" "this" { # expect: AKS101, AKS101, AKS703, AKS703
  name                    = var.name
  location                = var.location
  resource_group_name     = "rg-${var.name}"
  dns_prefix              = var.name
  private_cluster_enabled = var.private

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4ds_v5"
    # expect-next-line: AKS205, AKS205
    host_encryption_enabled = false
  }

  identity {
    type = "SystemAssigned"
  }
}

# Exists in some stamps, perhaps: in `module.stamp["*"]` it may, so it silences AKS701 there; in
# `module.regional[*]` (`diagnostics = true`) it certainly does, and sends the audit log.
resource "azurerm_monitor_diagnostic_setting" "audit" {
  count                      = var.diagnostics ? 1 : 0
  name                       = "audit"
  target_resource_id         = azurerm_kubernetes_cluster.this.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  enabled_log {
    category = "kube-audit-admin"
  }
}

resource "azurerm_container_registry" "this" {
  name                = "acr${var.name}"
  resource_group_name = "rg-${var.name}"
  location            = var.location
  sku                 = "Premium"
  admin_enabled       = true # expect: AKS611, AKS611
}
