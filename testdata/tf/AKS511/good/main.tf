resource "azurerm_kubernetes_cluster" "static" {
  name                = "aks-shop-prod"
  location            = "westeurope"
  resource_group_name = "rg-shop-prod"
  dns_prefix          = "shop-prod"

  key_vault_secrets_provider {
    secret_rotation_enabled = true
  }
}

# The block is there even when its content is empty or rotation is off (AKS512's business).
resource "azurerm_kubernetes_cluster" "rotation_off" {
  name                = "aks-shop-dev"
  location            = "westeurope"
  resource_group_name = "rg-shop-dev"
  dns_prefix          = "shop-dev"

  key_vault_secrets_provider {
    secret_rotation_enabled = false
  }
}

variable "kv_csi" {
  type    = bool
  default = true
}

resource "azurerm_kubernetes_cluster" "dynamic_on" {
  name                = "aks-shop-test"
  location            = "westeurope"
  resource_group_name = "rg-shop-test"
  dns_prefix          = "shop-test"

  dynamic "key_vault_secrets_provider" {
    for_each = var.kv_csi ? [1] : []
    content {
      secret_rotation_enabled = true
    }
  }
}

# A cluster that is never created is not judged.
resource "azurerm_kubernetes_cluster" "disabled" {
  count               = 0
  name                = "aks-never"
  location            = "westeurope"
  resource_group_name = "rg-never"
  dns_prefix          = "never"
}

# Data sources describe clusters managed elsewhere.
data "azurerm_kubernetes_cluster" "existing" {
  name                = "aks-elsewhere"
  resource_group_name = "rg-elsewhere"
}
