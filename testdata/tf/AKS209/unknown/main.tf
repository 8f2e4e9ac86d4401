variable "private" {
  type = bool
}

variable "public_fqdn" {
  type = bool
}

resource "azurerm_kubernetes_cluster" "private_unknown" {
  name                                = "aks-private_unknown"
  location                            = "westeurope"
  resource_group_name                 = "rg"
  dns_prefix                          = "private_unknown"
  private_cluster_enabled             = var.private
  private_cluster_public_fqdn_enabled = true

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "fqdn_unknown" {
  name                                = "aks-fqdn_unknown"
  location                            = "westeurope"
  resource_group_name                 = "rg"
  dns_prefix                          = "fqdn_unknown"
  private_cluster_enabled             = true
  private_cluster_public_fqdn_enabled = var.public_fqdn

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

