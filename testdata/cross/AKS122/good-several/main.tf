# Two clusters and no [[cluster]] mapping: which one the pod runs on is not known.
resource "azurerm_kubernetes_cluster" "prod" {
  name                = "aks-prod"
  location            = "westeurope"
  resource_group_name = "rg-shop"
  dns_prefix          = "prod"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "dev" {
  name                = "aks-dev"
  location            = "westeurope"
  resource_group_name = "rg-shop"
  dns_prefix          = "dev"
  oidc_issuer_enabled       = true
  workload_identity_enabled = true

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
