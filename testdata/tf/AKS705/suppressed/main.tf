resource "azurerm_kubernetes_cluster" "main" {  # akslint-ignore: AKS705 -- logs shipped by our Fluent Bit DaemonSet
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
