variable "rbac" {
  type = bool
}

variable "clusters" {
  type = set(string)
}

resource "azurerm_kubernetes_cluster" "from_variable" {
  name                              = "aks-var"
  role_based_access_control_enabled = var.rbac
}

resource "azurerm_kubernetes_cluster" "each" {
  for_each                          = var.clusters
  name                              = each.value
  role_based_access_control_enabled = false # expect: AKS104
}

# The block may not exist; if it does, it turns RBAC off (a representative instance).
resource "azurerm_kubernetes_cluster" "v2_maybe" {
  name = "aks-v2-maybe"

  dynamic "role_based_access_control" {
    for_each = var.clusters
    content {
      enabled = false # expect: AKS104
    }
  }
}
