variable "rbac" {
  type    = bool
  default = true
}

resource "azurerm_kubernetes_cluster" "this" {
  name                              = "aks"
  role_based_access_control_enabled = var.rbac # expect: AKS104
}
