# A block or setting that cannot be decided offline stays silent; a cluster whose count or
# for_each cannot be known is judged as a representative instance, and has no block.
variable "kv_csi" {
  type = bool
}

variable "clusters" {
  type = map(string)
}

resource "azurerm_kubernetes_cluster" "dynamic_unknown" {
  name                = "aks-shop-prod"
  location            = "westeurope"
  resource_group_name = "rg-shop-prod"
  dns_prefix          = "shop-prod"

  dynamic "key_vault_secrets_provider" {
    for_each = var.kv_csi ? [1] : []
    content {
      secret_rotation_enabled = true
    }
  }
}

resource "azurerm_kubernetes_cluster" "count_unknown" { # expect: AKS511
  count               = var.kv_csi ? 1 : 0
  name                = "aks-shop-dev"
  location            = "westeurope"
  resource_group_name = "rg-shop-dev"
  dns_prefix          = "shop-dev"
}

resource "azurerm_kubernetes_cluster" "for_each_unknown" { # expect: AKS511
  for_each            = var.clusters
  name                = each.key
  location            = each.value
  resource_group_name = "rg-${each.key}"
  dns_prefix          = each.key
}

resource "azurerm_kubernetes_cluster" "v2_unknown" {
  name                = "aks-legacy"
  location            = "westeurope"
  resource_group_name = "rg-legacy"
  dns_prefix          = "legacy"

  addon_profile {
    azure_keyvault_secrets_provider {
      enabled = var.kv_csi
    }
  }
}
