# azurerm v2: the add-on lived under addon_profile.
resource "azurerm_kubernetes_cluster" "off" {
  name                = "aks-legacy-a"
  location            = "westeurope"
  resource_group_name = "rg-legacy"
  dns_prefix          = "legacy-a"

  addon_profile {
    azure_policy {
      enabled = true
    }
    azure_keyvault_secrets_provider {
      enabled = false # expect: AKS511
    }
  }
}

resource "azurerm_kubernetes_cluster" "on" {
  name                = "aks-legacy-b"
  location            = "westeurope"
  resource_group_name = "rg-legacy"
  dns_prefix          = "legacy-b"

  addon_profile {
    azure_keyvault_secrets_provider {
      enabled                 = true
      secret_rotation_enabled = true
    }
  }
}

resource "azurerm_kubernetes_cluster" "other_addons_only" { # expect: AKS511
  name                = "aks-legacy-c"
  location            = "westeurope"
  resource_group_name = "rg-legacy"
  dns_prefix          = "legacy-c"

  addon_profile {
    oms_agent {
      enabled = false
    }
  }
}
