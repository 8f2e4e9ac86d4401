resource "azurerm_kubernetes_cluster" "v3_open" {
  name                            = "aks-v3"
  api_server_authorized_ip_ranges = ["0.0.0.0/0"] # expect: AKS202
}

# Both spellings open: one finding at the first, naming both.
resource "azurerm_kubernetes_cluster" "both" {
  name                            = "aks-both"
  api_server_authorized_ip_ranges = ["*"] # expect: AKS202

  api_server_access_profile {
    authorized_ip_ranges = ["0.0.0.0/0"]
  }
}
