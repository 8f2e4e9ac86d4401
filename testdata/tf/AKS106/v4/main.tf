resource "azurerm_kubernetes_cluster" "issuer_default_v4" { # expect: AKS106
  name                      = "aks-v4"
  workload_identity_enabled = true
}

# Both off by default on v4: one finding at the header.
resource "azurerm_kubernetes_cluster" "both_absent_v4" { # expect: AKS106
  name = "aks-v4-absent"
}

resource "azurerm_kubernetes_cluster" "issuer_null_v4" {
  name                      = "aks-v4-null"
  oidc_issuer_enabled       = null # expect: AKS106
  workload_identity_enabled = true
}

resource "azurerm_kubernetes_cluster" "good_v4" {
  name                      = "aks-v4-good"
  oidc_issuer_enabled       = true
  workload_identity_enabled = true
}
