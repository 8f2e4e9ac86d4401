# azurerm v2: add-ons in addon_profile.

resource "azurerm_kubernetes_cluster" "on" {
  name                = "aks-on"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "on"

  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }

  identity {
    type = "SystemAssigned"
  }

  addon_profile {
    http_application_routing {
      enabled = true # expect: AKS211
    }
    kube_dashboard {
      enabled = false
    }
  }
}

resource "azurerm_kubernetes_cluster" "off" {
  name                = "aks-off"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "off"

  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }

  identity {
    type = "SystemAssigned"
  }

  addon_profile {
    http_application_routing {
      enabled = false
    }
  }
}
