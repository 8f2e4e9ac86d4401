variable "name" {
  type = string
}

variable "local_account_disabled" {
  type    = bool
  default = false
}

# Whether local accounts are disabled is the caller's argument.
resource "azurerm_kubernetes_cluster" "this" {
  name                   = var.name
  local_account_disabled = var.local_account_disabled

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }
}

output "kube_config_raw" {
  value     = azurerm_kubernetes_cluster.this.kube_config_raw
  sensitive = true
}
