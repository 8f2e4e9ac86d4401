# terraform.tfvars overrides the default `true` with `false`.
resource "azurerm_kubernetes_cluster" "overridden" {
  name                   = "aks-tfvars"
  local_account_disabled = var.local_account_disabled # expect: AKS101
}

# `default = null` is absent: the provider default (false) applies (checkov#3193).
resource "azurerm_kubernetes_cluster" "null_default" {
  name                   = "aks-null-default"
  local_account_disabled = var.optional_disabled # expect: AKS101
}
