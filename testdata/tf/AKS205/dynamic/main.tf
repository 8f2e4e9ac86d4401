# dynamic "default_node_pool": judged when its for_each is known to hold one element,
# silent when it cannot be evaluated.

variable "system_pool" {
  type = any
}

resource "azurerm_kubernetes_cluster" "known" {
  name                = "aks-known"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "known"

  dynamic "default_node_pool" { # expect: AKS205
    for_each = [{ name = "system", vm_size = "Standard_D4ds_v5" }]
    content {
      name    = default_node_pool.value.name
      vm_size = default_node_pool.value.vm_size
    }
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "known_off" {
  name                = "aks-known-off"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "known-off"

  dynamic "default_node_pool" {
    for_each = { system = false }
    content {
      name                    = default_node_pool.key
      vm_size                 = "Standard_D4ds_v5"
      host_encryption_enabled = default_node_pool.value # expect: AKS205
    }
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "unknown" {
  name                = "aks-unknown"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "unknown"

  dynamic "default_node_pool" {
    for_each = var.system_pool
    content {
      name    = default_node_pool.value.name
      vm_size = "Standard_D4ds_v5"
    }
  }

  identity {
    type = "SystemAssigned"
  }
}
