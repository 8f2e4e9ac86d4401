# azurerm v3 spelling (Checkov's CKV_AZURE_6 fixtures).
resource "azurerm_kubernetes_cluster" "v3_ranges" {
  name                            = "aks-v3"
  api_server_authorized_ip_ranges = ["192.168.0.0/16"]
}

resource "azurerm_kubernetes_cluster" "v3_empty" {
  name                            = "aks-v3-empty"
  private_cluster_enabled         = false # expect: AKS201
  api_server_authorized_ip_ranges = []
}

resource "azurerm_kubernetes_cluster" "v3_empty_no_private" { # expect: AKS201
  name                            = "aks-v3-empty-2"
  api_server_authorized_ip_ranges = []
}

# v3.39+ also had the block.
resource "azurerm_kubernetes_cluster" "v3_block" {
  name = "aks-v3-block"

  api_server_access_profile {
    authorized_ip_ranges = ["192.168.0.0/16"]
  }
}
