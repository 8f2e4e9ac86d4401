locals {
  csi = {
    main = {
      rotation = false
    }
  }
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-a"
  location            = "westeurope"
  resource_group_name = "rg-a"
  dns_prefix          = "a"

  dynamic "key_vault_secrets_provider" {
    for_each = local.csi
    content {
      secret_rotation_enabled = key_vault_secrets_provider.value.rotation # expect: AKS512
    }
  }
}

resource "azurerm_kubernetes_cluster" "renamed_iterator" {
  name                = "aks-b"
  location            = "westeurope"
  resource_group_name = "rg-b"
  dns_prefix          = "b"

  dynamic "key_vault_secrets_provider" { # expect: AKS512
    for_each = ["on"]
    iterator = csi
    content {
      secret_rotation_interval = "2m"
    }
  }
}
