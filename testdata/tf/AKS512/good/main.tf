resource "azurerm_kubernetes_cluster" "on" {
  name                = "aks-a"
  location            = "westeurope"
  resource_group_name = "rg-a"
  dns_prefix          = "a"

  key_vault_secrets_provider {
    secret_rotation_enabled  = true
    secret_rotation_interval = "2m"
  }
}

locals {
  rotation = true
}

resource "azurerm_kubernetes_cluster" "local" {
  name                = "aks-b"
  location            = "westeurope"
  resource_group_name = "rg-b"
  dns_prefix          = "b"

  key_vault_secrets_provider {
    secret_rotation_enabled = local.rotation
  }
}
