# A private cluster passes without ranges.
resource "azurerm_kubernetes_cluster" "private" {
  name                    = "aks-private"
  location                = "westeurope"
  resource_group_name     = "rg"
  dns_prefix              = "private"
  private_cluster_enabled = true
}

resource "azurerm_kubernetes_cluster" "private_string" {
  name                    = "aks-private-string"
  private_cluster_enabled = "true"
}

resource "azurerm_kubernetes_cluster" "restricted" {
  name = "aks-restricted"

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24"]
  }
}

# Ranges that admit everything are AKS202's finding.
resource "azurerm_kubernetes_cluster" "open_ranges" {
  name = "aks-open"

  api_server_access_profile {
    authorized_ip_ranges = ["0.0.0.0/0"]
  }
}

# A range not known before apply is still a range.
resource "azurerm_kubernetes_cluster" "ranges_from_resources" {
  name = "aks-from-resources"

  api_server_access_profile {
    authorized_ip_ranges = ["${azurerm_public_ip.egress.ip_address}/32"]
  }
}

variable "ranges" {
  type    = list(string)
  default = ["198.51.100.0/24"]
}

resource "azurerm_kubernetes_cluster" "dynamic_ranges" {
  name = "aks-dynamic"

  dynamic "api_server_access_profile" {
    for_each = var.ranges != null ? ["api_server_access_profile"] : []
    content {
      authorized_ip_ranges = var.ranges
    }
  }
}

data "azurerm_kubernetes_cluster" "existing" {
  name                = "aks-elsewhere"
  resource_group_name = "rg"
}

resource "azurerm_kubernetes_cluster" "not_created" {
  count = 0
  name  = "aks-none"
}
