resource "azurerm_kubernetes_cluster" "off" {
  name                = "aks-a"
  location            = "westeurope"
  resource_group_name = "rg-a"
  dns_prefix          = "a"

  key_vault_secrets_provider {
    secret_rotation_enabled = false # expect: AKS512
  }
}

# Only the interval: rotation itself still defaults to off.
resource "azurerm_kubernetes_cluster" "interval_only" {
  name                = "aks-b"
  location            = "westeurope"
  resource_group_name = "rg-b"
  dns_prefix          = "b"

  key_vault_secrets_provider { # expect: AKS512
    secret_rotation_interval = "5m"
  }
}

variable "rotation" {
  type    = bool
  default = null
}

# null is the provider default (false), not unknown.
resource "azurerm_kubernetes_cluster" "null_default" {
  name                = "aks-c"
  location            = "westeurope"
  resource_group_name = "rg-c"
  dns_prefix          = "c"

  key_vault_secrets_provider {
    secret_rotation_enabled = var.rotation # expect: AKS512
  }
}

resource "azurerm_kubernetes_cluster" "string_false" {
  name                = "aks-d"
  location            = "westeurope"
  resource_group_name = "rg-d"
  dns_prefix          = "d"

  key_vault_secrets_provider {
    secret_rotation_enabled = "false" # expect: AKS512
  }
}
