# No add-on at all is AKS511's finding, not AKS512's.
resource "azurerm_kubernetes_cluster" "none" {
  name                = "aks-a"
  location            = "westeurope"
  resource_group_name = "rg-a"
  dns_prefix          = "a"
}

resource "azurerm_kubernetes_cluster" "empty_dynamic" {
  name                = "aks-b"
  location            = "westeurope"
  resource_group_name = "rg-b"
  dns_prefix          = "b"

  dynamic "key_vault_secrets_provider" {
    for_each = []
    content {
      secret_rotation_enabled = false
    }
  }
}
