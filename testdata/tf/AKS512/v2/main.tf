# azurerm v2: addon_profile.azure_keyvault_secrets_provider.
resource "azurerm_kubernetes_cluster" "on_without_rotation" {
  name                = "aks-a"
  location            = "westeurope"
  resource_group_name = "rg-a"
  dns_prefix          = "a"

  addon_profile {
    azure_keyvault_secrets_provider {
      enabled                 = true
      secret_rotation_enabled = false # expect: AKS512
    }
  }
}

resource "azurerm_kubernetes_cluster" "off" {
  name                = "aks-b"
  location            = "westeurope"
  resource_group_name = "rg-b"
  dns_prefix          = "b"

  addon_profile {
    azure_keyvault_secrets_provider {
      enabled                 = false
      secret_rotation_enabled = false
    }
  }
}

resource "azurerm_kubernetes_cluster" "on_with_rotation" {
  name                = "aks-c"
  location            = "westeurope"
  resource_group_name = "rg-c"
  dns_prefix          = "c"

  addon_profile {
    azure_keyvault_secrets_provider {
      enabled                 = true
      secret_rotation_enabled = true
    }
  }
}
