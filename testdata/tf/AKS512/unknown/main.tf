variable "rotation" {
  type = bool
}

variable "enabled" {
  type = bool
}

resource "azurerm_kubernetes_cluster" "value_unknown" {
  name                = "aks-a"
  location            = "westeurope"
  resource_group_name = "rg-a"
  dns_prefix          = "a"

  key_vault_secrets_provider {
    secret_rotation_enabled = var.rotation
  }
}

# The block may not exist, but if it does its content turns rotation off (a representative
# instance).
resource "azurerm_kubernetes_cluster" "presence_unknown" {
  name                = "aks-b"
  location            = "westeurope"
  resource_group_name = "rg-b"
  dns_prefix          = "b"

  dynamic "key_vault_secrets_provider" {
    for_each = var.enabled ? [1] : []
    content {
      secret_rotation_enabled = false # expect: AKS512
    }
  }
}

resource "azurerm_kubernetes_cluster" "count_unknown" {
  count               = var.enabled ? 1 : 0
  name                = "aks-c"
  location            = "westeurope"
  resource_group_name = "rg-c"
  dns_prefix          = "c"

  key_vault_secrets_provider {
    secret_rotation_enabled = false # expect: AKS512
  }
}

data "azurerm_key_vault_secret" "rotation" {
  name         = "rotation"
  key_vault_id = "/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/z"
}

resource "azurerm_kubernetes_cluster" "from_data" {
  name                = "aks-d"
  location            = "westeurope"
  resource_group_name = "rg-d"
  dns_prefix          = "d"

  key_vault_secrets_provider {
    secret_rotation_enabled = data.azurerm_key_vault_secret.rotation.value
  }
}
