variable "kv_csi" {
  type    = bool
  default = true
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-shop-prod"
  location            = "westeurope"
  resource_group_name = "rg-shop-prod"
  dns_prefix          = "shop-prod"

  dynamic "key_vault_secrets_provider" { # expect: AKS511
    for_each = var.kv_csi ? ["on"] : []
    content {
      secret_rotation_enabled = true
    }
  }
}
