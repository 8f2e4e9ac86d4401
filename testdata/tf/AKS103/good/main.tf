resource "azurerm_kubernetes_cluster" "azure_rbac" {
  name                = "aks-good"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "good"

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = ["00000000-0000-0000-0000-000000000000"]
  }
}

resource "azurerm_kubernetes_cluster" "string_true" {
  name = "aks-string"

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = "true"
  }
}

# No block: AKS102's finding, not AKS103's.
resource "azurerm_kubernetes_cluster" "no_block" {
  name = "aks-no-block"
}

resource "azurerm_kubernetes_cluster" "dynamic_off" {
  name = "aks-dynamic-off"

  dynamic "azure_active_directory_role_based_access_control" {
    for_each = []
    content {
      azure_rbac_enabled = false
    }
  }
}

resource "azurerm_kubernetes_cluster" "v2" {
  name = "aks-v2"

  role_based_access_control {
    enabled = true

    azure_active_directory {
      managed            = true
      azure_rbac_enabled = true
    }
  }
}

data "azurerm_kubernetes_cluster" "existing" {
  name                = "aks-elsewhere"
  resource_group_name = "rg"
}
