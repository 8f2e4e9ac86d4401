# The lock file says 5.0.1: the issuer is on by default.
resource "azurerm_kubernetes_cluster" "issuer_default_v5" {
  name                      = "aks-v5"
  workload_identity_enabled = true
}

resource "azurerm_kubernetes_cluster" "issuer_null_v5" {
  name                      = "aks-v5-null"
  oidc_issuer_enabled       = null
  workload_identity_enabled = true
}

resource "azurerm_kubernetes_cluster" "wi_absent_v5" { # expect: AKS106
  name = "aks-v5-absent"
}
