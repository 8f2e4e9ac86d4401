variable "oidc" {
  type    = bool
  default = null
}

resource "azurerm_kubernetes_cluster" "this" {
  name                      = "aks"
  oidc_issuer_enabled       = var.oidc # expect: AKS106
  workload_identity_enabled = true
}
