# `automatic_channel_upgrade` is a v3-only spelling: the module runs on v3, where the issuer
# is off unless enabled.
resource "azurerm_kubernetes_cluster" "issuer_default_v3" { # expect: AKS106
  name                      = "aks-v3"
  automatic_channel_upgrade = "patch"
  workload_identity_enabled = true
}

resource "azurerm_kubernetes_cluster" "good_v3" {
  name                      = "aks-v3-good"
  oidc_issuer_enabled       = true
  workload_identity_enabled = true
}
