# azurerm v3 spelling (Checkov's CKV_AZURE_171 `_old` fixtures).
resource "azurerm_kubernetes_cluster" "v3_stable" {
  name                      = "aks-v3"
  automatic_channel_upgrade = "stable"
}

resource "azurerm_kubernetes_cluster" "v3_none" {
  name                      = "aks-v3-none"
  automatic_channel_upgrade = "none" # expect: AKS203
}

resource "azurerm_kubernetes_cluster" "v3_absent" { # expect: AKS203
  name = "aks-v3-absent"
}
