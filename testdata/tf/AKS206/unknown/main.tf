variable "public" {
  type = bool
}

variable "pool_count" {
  type = number
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-main"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "main"

  default_node_pool {
    name                   = "system"
    vm_size                = "Standard_D4ds_v5"
    node_public_ip_enabled = var.public
  }

  identity {
    type = "SystemAssigned"
  }
}

# Public IPs; the pool may not exist, but if it does it has them (a representative instance).
resource "azurerm_kubernetes_cluster_node_pool" "maybe" {
  count                  = var.pool_count
  name                   = "edge"
  kubernetes_cluster_id  = azurerm_kubernetes_cluster.main.id
  vm_size                = "Standard_D8ds_v5"
  node_public_ip_enabled = true # expect: AKS206
}

resource "azurerm_kubernetes_cluster" "dynamic_pool" {
  name                = "aks-dyn"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "dyn"

  dynamic "default_node_pool" {
    for_each = var.public ? ["system"] : []
    content {
      name                   = default_node_pool.value
      vm_size                = "Standard_D4ds_v5"
      node_public_ip_enabled = true
    }
  }

  identity {
    type = "SystemAssigned"
  }
}
