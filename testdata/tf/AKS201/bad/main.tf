resource "azurerm_kubernetes_cluster" "defaults" { # expect: AKS201
  name                = "aks-defaults"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "defaults"

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "explicit_public" {
  name                    = "aks-public"
  private_cluster_enabled = false # expect: AKS201
}

resource "azurerm_kubernetes_cluster" "null_private" {
  name                    = "aks-null"
  private_cluster_enabled = null # expect: AKS201
}

# An empty list restricts nothing.
resource "azurerm_kubernetes_cluster" "empty_ranges" { # expect: AKS201
  name = "aks-empty"

  api_server_access_profile {
    authorized_ip_ranges = []
  }
}

# VNet integration without ranges: still a public endpoint.
resource "azurerm_kubernetes_cluster" "vnet_integration_only" { # expect: AKS201
  name = "aks-vnet-integration"

  api_server_access_profile {
    virtual_network_integration_enabled = true
    subnet_id                           = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/api"
  }
}

variable "authorized_ip_ranges" {
  type    = list(string)
  default = null
}

variable "vnet_integration" {
  type    = bool
  default = true
}

# The common module pattern: the block is generated, the ranges are null.
resource "azurerm_kubernetes_cluster" "dynamic_null_ranges" { # expect: AKS201
  name = "aks-dynamic"

  dynamic "api_server_access_profile" {
    for_each = (var.authorized_ip_ranges != null || var.vnet_integration) ? ["api_server_access_profile"] : []
    content {
      authorized_ip_ranges                = var.authorized_ip_ranges
      virtual_network_integration_enabled = var.vnet_integration
    }
  }
}
