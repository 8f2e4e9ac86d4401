resource "azurerm_kubernetes_cluster" "private" {
  name                                = "aks-private"
  location                            = "westeurope"
  resource_group_name                 = "rg"
  dns_prefix                          = "private"
  private_cluster_enabled             = true
  private_cluster_public_fqdn_enabled = false

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "private_default" {
  name                    = "aks-private_default"
  location                = "westeurope"
  resource_group_name     = "rg"
  dns_prefix              = "private_default"
  private_cluster_enabled = true

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

# On a public cluster the flag changes nothing (AKS201 reports the public API server).
resource "azurerm_kubernetes_cluster" "public" {
  name                                = "aks-public"
  location                            = "westeurope"
  resource_group_name                 = "rg"
  dns_prefix                          = "public"
  private_cluster_public_fqdn_enabled = true

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "public_explicit" {
  name                                = "aks-public_explicit"
  location                            = "westeurope"
  resource_group_name                 = "rg"
  dns_prefix                          = "public_explicit"
  private_cluster_enabled             = false
  private_cluster_public_fqdn_enabled = true

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

