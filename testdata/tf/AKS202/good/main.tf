resource "azurerm_kubernetes_cluster" "restricted" {
  name                = "aks-restricted"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "restricted"

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24", "198.51.100.17/32"]
  }
}

# A private cluster ignores the ranges.
resource "azurerm_kubernetes_cluster" "private" {
  name                    = "aks-private"
  private_cluster_enabled = true

  api_server_access_profile {
    authorized_ip_ranges = ["0.0.0.0/0"]
  }
}

# No ranges at all is AKS201's finding.
resource "azurerm_kubernetes_cluster" "no_ranges" {
  name = "aks-no-ranges"
}

# Not everything: a single address, and half of the IPv4 space.
resource "azurerm_kubernetes_cluster" "not_catch_all" {
  name = "aks-not-catch-all"

  api_server_access_profile {
    authorized_ip_ranges = ["0.0.0.0/32", "0.0.0.0/1"]
  }
}

resource "azurerm_kubernetes_cluster" "dynamic_off" {
  name = "aks-dynamic-off"

  dynamic "api_server_access_profile" {
    for_each = []
    content {
      authorized_ip_ranges = ["0.0.0.0/0"]
    }
  }
}

data "azurerm_kubernetes_cluster" "existing" {
  name                = "aks-elsewhere"
  resource_group_name = "rg"
}
