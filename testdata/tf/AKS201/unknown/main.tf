variable "private" {
  type = bool
}

variable "ranges" {
  type = list(string)
}

variable "profile" {
  type = list(string)
}

variable "cluster_count" {
  type = number
}

resource "azurerm_kubernetes_cluster" "private_unknown" {
  name                    = "aks-private-unknown"
  private_cluster_enabled = var.private
}

resource "azurerm_kubernetes_cluster" "ranges_unknown" {
  name = "aks-ranges-unknown"

  api_server_access_profile {
    authorized_ip_ranges = var.ranges
  }
}

resource "azurerm_kubernetes_cluster" "profile_unknown" {
  name = "aks-profile-unknown"

  dynamic "api_server_access_profile" {
    for_each = var.profile
    content {
      authorized_ip_ranges = ["203.0.113.0/24"]
    }
  }
}

resource "azurerm_kubernetes_cluster" "maybe_cluster" { # expect: AKS201
  count = var.cluster_count
  name  = "aks-maybe"
}

# Attribute syntax is not the provider's: no guess about the ranges.
resource "azurerm_kubernetes_cluster" "attribute_syntax" {
  name = "aks-attribute-syntax"

  api_server_access_profile = [{
    authorized_ip_ranges = ["203.0.113.0/24"]
  }]
}
