variable "defender" {
  type = bool
}

variable "defender_off" {
  type    = bool
  default = true
}

resource "azurerm_kubernetes_cluster" "unknown" {
  name                = "aks-unknown"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-unknown"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  dynamic "microsoft_defender" {
    for_each = var.defender ? [1] : []
    content {
      log_analytics_workspace_id = azurerm_log_analytics_workspace.aks.id
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

  dynamic "microsoft_defender" {  # expect: AKS703
    for_each = var.defender_off ? [] : [1]
    content {
      log_analytics_workspace_id = azurerm_log_analytics_workspace.aks.id
    }
  }
}

resource "azurerm_kubernetes_cluster" "on" {
  name                = "aks-on"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-on"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  dynamic "microsoft_defender" {
    for_each = ["on"]
    content {
      log_analytics_workspace_id = azurerm_log_analytics_workspace.aks.id
    }
  }
}

resource "azurerm_log_analytics_workspace" "aks" {
  name                = "log-aks"
  location            = "westeurope"
  resource_group_name = "rg-aks"
}
