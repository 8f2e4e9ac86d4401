variable "secret_rotation" {
  type    = bool
  default = true
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-a"
  location            = "westeurope"
  resource_group_name = "rg-a"
  dns_prefix          = "a"

  key_vault_secrets_provider {
    secret_rotation_enabled = var.secret_rotation # expect: AKS512
  }
}
