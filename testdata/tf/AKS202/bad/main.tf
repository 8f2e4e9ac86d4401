resource "azurerm_kubernetes_cluster" "open" {
  name                = "aks-open"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "open"

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24", "0.0.0.0/0"] # expect: AKS202
  }
}

resource "azurerm_kubernetes_cluster" "open_multiline" {
  name                    = "aks-open-multiline"
  private_cluster_enabled = false

  api_server_access_profile {
    authorized_ip_ranges = [ # expect: AKS202
      "203.0.113.0/24",
      "0.0.0.0/0",
      "::/0",
    ]
  }
}

resource "azurerm_kubernetes_cluster" "star" {
  name = "aks-star"

  api_server_access_profile {
    authorized_ip_ranges = ["*"] # expect: AKS202
  }
}

locals {
  anywhere = "0.0.0.0/0"
}

resource "azurerm_kubernetes_cluster" "from_local" {
  name = "aks-local"

  dynamic "api_server_access_profile" {
    for_each = ["profile"]
    content {
      authorized_ip_ranges = [local.anywhere] # expect: AKS202
    }
  }
}
