variable "name" {
  type = string
}

variable "kv_csi" {
  type    = bool
  default = true
}

resource "azurerm_kubernetes_cluster" "this" {
  name                = "aks-${var.name}"
  location            = "westeurope"
  resource_group_name = "rg-${var.name}"
  dns_prefix          = var.name

  # Only module.dev turns it off.
  dynamic "key_vault_secrets_provider" { # expect: AKS511
    for_each = var.kv_csi ? [1] : []
    content {
      secret_rotation_enabled = true
    }
  }
}
