resource "azurerm_kubernetes_cluster" "absent" { # expect: AKS102
  name                = "aks-absent"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "absent"

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

variable "entra_id_enabled" {
  type    = bool
  default = false
}

# A dynamic block that iterates over nothing is no block.
resource "azurerm_kubernetes_cluster" "switched_off" {
  name = "aks-switched-off"

  dynamic "azure_active_directory_role_based_access_control" { # expect: AKS102
    for_each = var.entra_id_enabled ? ["entra"] : []
    content {
      azure_rbac_enabled = true
    }
  }
}

resource "azurerm_kubernetes_cluster" "empty_list" {
  name = "aks-empty-list"

  dynamic "azure_active_directory_role_based_access_control" { # expect: AKS102
    for_each = []
    content {
      azure_rbac_enabled = true
    }
  }
}

# azurerm v2: `role_based_access_control` without `azure_active_directory` has no Entra ID.
resource "azurerm_kubernetes_cluster" "v2_rbac_only" { # expect: AKS102
  name = "aks-v2"

  role_based_access_control {
    enabled = true
  }
}
