resource "azurerm_kubernetes_cluster" "integrated" {
  name                = "aks-good"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "good"

  default_node_pool {
    name       = "system"
    node_count = 1
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  # What the block holds is AKS103's business.
  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = false
  }
}

# An empty block is still the integration (AKS103 judges its content).
resource "azurerm_kubernetes_cluster" "empty_block" {
  name = "aks-empty-block"

  azure_active_directory_role_based_access_control {}
}

resource "azurerm_kubernetes_cluster" "dynamic_on" {
  name = "aks-dynamic"

  dynamic "azure_active_directory_role_based_access_control" {
    for_each = ["entra"]
    content {
      azure_rbac_enabled = true
    }
  }
}

# azurerm v2 form, read as v3.
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

resource "azurerm_kubernetes_cluster" "not_created" {
  count = 0
  name  = "aks-none"
}
