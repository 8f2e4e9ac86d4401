# On azurerm v3 the help also asks for `managed = true`.
resource "azurerm_kubernetes_cluster" "v3" { # expect: AKS102
  name                      = "aks-v3"
  automatic_channel_upgrade = "patch"
}

resource "azurerm_kubernetes_cluster" "v3_managed" {
  name = "aks-v3-managed"

  azure_active_directory_role_based_access_control {
    managed            = true
    azure_rbac_enabled = true
  }
}
