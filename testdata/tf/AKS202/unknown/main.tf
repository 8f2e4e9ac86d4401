variable "private" {
  type = bool
}

variable "ranges" {
  type = list(string)
}

variable "extra_range" {
  type = string
}

variable "profile" {
  type = list(string)
}

# Open ranges only matter on a public cluster: unknown privacy is silent.
resource "azurerm_kubernetes_cluster" "private_unknown" {
  name                    = "aks-private-unknown"
  private_cluster_enabled = var.private

  api_server_access_profile {
    authorized_ip_ranges = ["0.0.0.0/0"]
  }
}

resource "azurerm_kubernetes_cluster" "ranges_unknown" {
  name = "aks-ranges-unknown"

  api_server_access_profile {
    authorized_ip_ranges = var.ranges
  }
}

resource "azurerm_kubernetes_cluster" "element_unknown" {
  name = "aks-element-unknown"

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24", var.extra_range]
  }
}

# The profile may not exist; if it does, it admits everyone (a representative instance).
resource "azurerm_kubernetes_cluster" "profile_unknown" {
  name = "aks-profile-unknown"

  dynamic "api_server_access_profile" {
    for_each = var.profile
    content {
      authorized_ip_ranges = ["0.0.0.0/0"] # expect: AKS202
    }
  }
}
