# azurerm ≤ 2.98, read as v3.
resource "azurerm_kubernetes_cluster" "v2_disabled" {
  name                = "aks-v2"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "v2"

  role_based_access_control {
    enabled = false # expect: AKS104
  }
}

resource "azurerm_kubernetes_cluster" "v2_enabled" {
  name = "aks-v2-enabled"

  role_based_access_control {
    enabled = true

    azure_active_directory {
      managed = true
    }
  }
}

resource "azurerm_kubernetes_cluster" "v2_dynamic" {
  name = "aks-v2-dynamic"

  dynamic "role_based_access_control" {
    for_each = [false]
    content {
      enabled = role_based_access_control.value # expect: AKS104
    }
  }
}
