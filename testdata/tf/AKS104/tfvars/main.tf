resource "azurerm_kubernetes_cluster" "overridden" {
  name                              = "aks-tfvars"
  role_based_access_control_enabled = var.rbac_enabled # expect: AKS104
}
