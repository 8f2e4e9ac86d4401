resource "azurerm_kubernetes_cluster" "from_tfvars" {
  name = "aks-tfvars"

  api_server_access_profile {
    authorized_ip_ranges = var.api_server_authorized_ranges # expect: AKS202
  }
}
