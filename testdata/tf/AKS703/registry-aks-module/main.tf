resource "azurerm_kubernetes_cluster" "main" {  # expect: AKS703
  name                = "aks-main"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-main"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

# A registry module's inputs configure its own cluster, not the subscription's plan.
module "other_aks" {
  source  = "Azure/aks/azurerm"
  version = "9.4.1"

  resource_group_name        = "rg-other"
  microsoft_defender_enabled = true
}
