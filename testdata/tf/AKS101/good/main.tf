resource "azurerm_kubernetes_cluster" "disabled" {
  name                   = "aks-good"
  location               = "westeurope"
  resource_group_name    = "rg"
  dns_prefix             = "good"
  local_account_disabled = true

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = ["00000000-0000-0000-0000-000000000000"]
  }
}

resource "azurerm_kubernetes_cluster" "string_true" {
  name                   = "aks-string"
  local_account_disabled = "true"
}

# Not a cluster this configuration manages.
data "azurerm_kubernetes_cluster" "existing" {
  name                = "aks-elsewhere"
  resource_group_name = "rg"
}

# Not created at all.
resource "azurerm_kubernetes_cluster" "none" {
  count = 0
  name  = "aks-none"
}

resource "azurerm_kubernetes_cluster" "none_each" {
  for_each = {}
  name     = "aks-none"
}

# Another resource type with the same attribute name is not judged.
resource "azurerm_kubernetes_fleet_manager" "fleet" {
  name = "fleet"
}
