resource "azurerm_kubernetes_cluster" "system_assigned" {
  name                = "aks-mi"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "mi"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "user_assigned" {
  name = "aks-uami"

  identity {
    type         = "UserAssigned"
    identity_ids = ["/subscriptions/0/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks"]
  }
}

variable "client_id" {
  type    = string
  default = ""
}

variable "client_secret" {
  type    = string
  default = ""
}

# Not generated with the defaults.
resource "azurerm_kubernetes_cluster" "dynamic_off" {
  name = "aks-dynamic-off"

  identity {
    type = "SystemAssigned"
  }

  dynamic "service_principal" {
    for_each = var.client_id != "" && var.client_secret != "" ? ["service_principal"] : []
    content {
      client_id     = var.client_id
      client_secret = var.client_secret
    }
  }
}

# Other resources have their own service_principal blocks.
resource "azurerm_kubernetes_cluster_node_pool" "pool" {
  name = "pool"
}

data "azurerm_kubernetes_cluster" "existing" {
  name                = "aks-elsewhere"
  resource_group_name = "rg"
}
