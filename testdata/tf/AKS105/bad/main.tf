variable "client_id" {
  type    = string
  default = "00000000-0000-0000-0000-000000000000"
}

variable "client_secret" {
  type      = string
  sensitive = true
  default   = "not-a-real-secret"
}

resource "azurerm_kubernetes_cluster" "service_principal" {
  name                = "aks-sp"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "sp"

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  service_principal { # expect: AKS105
    client_id     = var.client_id
    client_secret = var.client_secret
  }
}

# The common module pattern: the block is generated when an ID and a secret are given.
resource "azurerm_kubernetes_cluster" "dynamic_on" {
  name = "aks-dynamic"

  dynamic "service_principal" { # expect: AKS105
    for_each = var.client_id != "" && var.client_secret != "" ? ["service_principal"] : []
    content {
      client_id     = var.client_id
      client_secret = var.client_secret
    }
  }
}

# Whatever the values: the block means a stored secret.
resource "azurerm_kubernetes_cluster" "unknown_values" {
  name = "aks-unknown-values"

  service_principal { # expect: AKS105
    client_id     = data.azuread_application.aks.client_id
    client_secret = data.azurerm_key_vault_secret.aks.value
  }
}
