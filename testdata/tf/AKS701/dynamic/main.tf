locals {
  with_audit    = ["kube-apiserver", "kube-audit-admin"]
  without_audit = ["kube-apiserver", "kube-controller-manager"]
}

variable "categories" {
  type = list(string)
}

resource "azurerm_kubernetes_cluster" "listed" {
  name                = "aks-listed"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-listed"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "listed" {
  name                       = "listed"
  target_resource_id         = azurerm_kubernetes_cluster.listed.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  dynamic "enabled_log" {
    for_each = local.with_audit
    content {
      category = enabled_log.value
    }
  }
}

resource "azurerm_kubernetes_cluster" "unlisted" {
  name                = "aks-unlisted"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-unlisted"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "unlisted" {  # expect: AKS701
  name                       = "unlisted"
  target_resource_id         = azurerm_kubernetes_cluster.unlisted.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  dynamic "enabled_log" {
    for_each = toset(local.without_audit)
    iterator = log
    content {
      category = log.key
    }
  }
}

resource "azurerm_kubernetes_cluster" "empty" {
  name                = "aks-empty"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-empty"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "empty" {  # expect: AKS701
  name                       = "empty"
  target_resource_id         = azurerm_kubernetes_cluster.empty.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  dynamic "enabled_log" {
    for_each = []
    content {
      category = "kube-audit"
    }
  }
}

resource "azurerm_kubernetes_cluster" "input" {
  name                = "aks-input"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-input"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_monitor_diagnostic_setting" "input" {
  name                       = "input"
  target_resource_id         = azurerm_kubernetes_cluster.input.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  dynamic "enabled_log" {
    for_each = var.categories
    content {
      category = enabled_log.value
    }
  }
}

resource "azurerm_kubernetes_cluster" "catalogue" {
  name                = "aks-catalogue"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-catalogue"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

data "azurerm_monitor_diagnostic_categories" "aks" {
  resource_id = azurerm_kubernetes_cluster.catalogue.id
}

resource "azurerm_monitor_diagnostic_setting" "catalogue" {
  name                       = "catalogue"
  target_resource_id         = azurerm_kubernetes_cluster.catalogue.id
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/log-aks"

  dynamic "enabled_log" {
    for_each = data.azurerm_monitor_diagnostic_categories.aks.log_category_types
    content {
      category = enabled_log.value
    }
  }
}
