variable "private" {
  type    = bool
  default = false
}

variable "ranges" {
  type    = list(string)
  default = []
}

# Only the caller `public` leaves the API server open.
resource "azurerm_kubernetes_cluster" "this" {
  name                    = "aks"
  private_cluster_enabled = var.private # expect: AKS201

  api_server_access_profile {
    authorized_ip_ranges = var.ranges
  }
}
