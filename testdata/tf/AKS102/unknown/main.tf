variable "entra_id_enabled" {
  type = bool
}

variable "cluster_count" {
  type = number
}

variable "rbac" {
  type = list(string)
}

# The block may or may not be generated: an absence rule stays silent.
resource "azurerm_kubernetes_cluster" "maybe_block" {
  name = "aks-maybe-block"

  dynamic "azure_active_directory_role_based_access_control" {
    for_each = var.entra_id_enabled ? ["entra"] : []
    content {
      azure_rbac_enabled = true
    }
  }
}

# The cluster may or may not exist: its representative instance has no block at all.
resource "azurerm_kubernetes_cluster" "maybe_cluster" { # expect: AKS102
  count = var.cluster_count
  name  = "aks-maybe-cluster"
}

# One empty candidate and one unknown candidate: still silent.
resource "azurerm_kubernetes_cluster" "mixed" {
  name = "aks-mixed"

  dynamic "azure_active_directory_role_based_access_control" {
    for_each = []
    content {}
  }

  dynamic "role_based_access_control" {
    for_each = var.rbac
    content {
      enabled = true
      azure_active_directory {
        managed = true
      }
    }
  }
}

# Attribute syntax is not the provider's, but no proof of absence either.
resource "azurerm_kubernetes_cluster" "attribute_syntax" {
  name = "aks-attribute-syntax"

  azure_active_directory_role_based_access_control = [{
    azure_rbac_enabled = true
  }]
}
