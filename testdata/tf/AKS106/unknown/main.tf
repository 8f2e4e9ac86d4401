variable "workload_identity" {
  type = bool
}

variable "oidc" {
  type = bool
}

variable "cluster_count" {
  type = number
}

resource "azurerm_kubernetes_cluster" "both_unknown" {
  name                      = "aks-unknown"
  oidc_issuer_enabled       = var.oidc
  workload_identity_enabled = var.workload_identity
}

resource "azurerm_kubernetes_cluster" "wi_unknown" {
  name                      = "aks-wi-unknown"
  oidc_issuer_enabled       = true
  workload_identity_enabled = var.workload_identity
}

resource "azurerm_kubernetes_cluster" "oidc_unknown" {
  name                      = "aks-oidc-unknown"
  oidc_issuer_enabled       = var.oidc
  workload_identity_enabled = true
}

resource "azurerm_kubernetes_cluster" "maybe_cluster" { # expect: AKS106
  count = var.cluster_count
  name  = "aks-maybe"
}
