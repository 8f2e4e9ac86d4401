variable "azure_rbac" {
  type    = bool
  default = null
}

resource "azurerm_kubernetes_cluster" "this" {
  name = "aks"

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = var.azure_rbac # expect: AKS103, AKS103
  }
}
