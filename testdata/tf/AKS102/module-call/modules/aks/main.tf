variable "entra_id_enabled" {
  type    = bool
  default = false
}

# Judged through each caller: only `without_entra` fires.
resource "azurerm_kubernetes_cluster" "this" {
  name = "aks"

  dynamic "azure_active_directory_role_based_access_control" { # expect: AKS102
    for_each = var.entra_id_enabled ? ["entra"] : []
    content {
      azure_rbac_enabled = true
    }
  }
}
