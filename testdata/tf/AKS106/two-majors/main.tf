# v4 or v5: the issuer's default is unknown, so its absence is not judged.
resource "azurerm_kubernetes_cluster" "issuer_default_unknown" {
  name                      = "aks-v4-or-v5"
  workload_identity_enabled = true
}

# workload_identity_enabled defaults to false in both.
resource "azurerm_kubernetes_cluster" "wi_absent" { # expect: AKS106
  name = "aks-wi-absent"
}
