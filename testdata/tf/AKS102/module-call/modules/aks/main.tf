variable "entra_id_enabled" {
  type    = bool
  default = false
}

# Judged through each caller: only `without_entra` fires.
resource "azurerm_kubernetes_cluster" "this" { # expect: AKS102
  name = "aks"

  dynamic "azure_active_directory_role_based_access_control" {
    for_each = var.entra_id_enabled ? ["entra"] : []
    content {
      azure_rbac_enabled = true
    }
  }
}
