# No Key Vault secrets provider add-on, and no need for it: the manifests beside this module
# read Key Vault through External Secrets.
resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-shop-prod"
  location            = "westeurope"
  resource_group_name = "rg-shop-prod"
  dns_prefix          = "shop-prod"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
