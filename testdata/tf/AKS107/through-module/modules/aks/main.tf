variable "name" {
  type = string
}

variable "local_account_disabled" {
  type    = bool
  default = null
}

# Local accounts left at the provider default (enabled) unless the caller disables them, no
# Entra ID integration.
resource "azurerm_kubernetes_cluster" "this" {
  name                   = var.name
  local_account_disabled = var.local_account_disabled
}

locals {
  admin = azurerm_kubernetes_cluster.this.kube_admin_config_raw
}

# A child module's outputs reach only its caller: silent here, reported where the caller
# exports them.
output "kube_config_raw" {
  value     = azurerm_kubernetes_cluster.this.kube_config_raw
  sensitive = true
}

output "kube_config" {
  value     = azurerm_kubernetes_cluster.this.kube_config
  sensitive = true
}

output "admin_kubeconfig" {
  value     = local.admin
  sensitive = true
}

output "id" {
  value = azurerm_kubernetes_cluster.this.id
}
