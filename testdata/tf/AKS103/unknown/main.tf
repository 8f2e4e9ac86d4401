variable "azure_rbac" {
  type = bool
}

variable "entra" {
  type = list(string)
}

variable "cluster_count" {
  type = number
}

resource "azurerm_kubernetes_cluster" "from_variable" {
  name = "aks-var"

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = var.azure_rbac
  }
}

# The block may or may not exist: its content is judged as the representative instance's.
resource "azurerm_kubernetes_cluster" "maybe_block" {
  name = "aks-maybe-block"

  dynamic "azure_active_directory_role_based_access_control" {
    for_each = var.entra
    content {
      azure_rbac_enabled = false # expect: AKS103
    }
  }
}

# Two instances: the iterator's value is not one known value.
resource "azurerm_kubernetes_cluster" "two_iterations" {
  name = "aks-two"

  dynamic "azure_active_directory_role_based_access_control" {
    for_each = [{ rbac = true }, { rbac = false }]
    content {
      azure_rbac_enabled = azure_active_directory_role_based_access_control.value.rbac
    }
  }
}

# The cluster may or may not exist: its representative instance turns Azure RBAC off.
resource "azurerm_kubernetes_cluster" "maybe_cluster" {
  count = var.cluster_count
  name  = "aks-maybe-cluster"

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = false # expect: AKS103
  }
}

# azurerm v2: the outer block may not exist; if it does, its Entra ID block leaves Azure RBAC off.
resource "azurerm_kubernetes_cluster" "v2_maybe" {
  name = "aks-v2-maybe"

  dynamic "role_based_access_control" {
    for_each = var.entra
    content {
      enabled = true
      azure_active_directory { # expect: AKS103
        managed = true
      }
    }
  }
}
