# Values that cannot be known offline: silent. Resources whose presence cannot be known are
# judged on what they write.

variable "host_encryption" {
  type = bool
}

variable "pool_count" {
  type = number
}

variable "pools" {
  type = map(any)
}

data "azurerm_subscription" "current" {}

resource "azurerm_kubernetes_cluster" "from_variable" {
  name                = "aks-var"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "var"

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4ds_v5"
    host_encryption_enabled = var.host_encryption
  }

  identity {
    type = "SystemAssigned"
  }
}

# Presence unknown (the count and for_each cannot be evaluated): each judged once, as a
# representative instance, and neither enables encryption at host.
resource "azurerm_kubernetes_cluster_node_pool" "counted" { # expect: AKS205
  count                 = var.pool_count
  name                  = "apps"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.from_variable.id
  vm_size               = "Standard_D8ds_v5"
}

resource "azurerm_kubernetes_cluster_node_pool" "each" { # expect: AKS205
  for_each              = var.pools
  name                  = each.key
  kubernetes_cluster_id = azurerm_kubernetes_cluster.from_variable.id
  vm_size               = "Standard_D8ds_v5"
}

# A function we do not evaluate, a data source's attribute.
resource "azurerm_kubernetes_cluster_node_pool" "computed" {
  name                    = "batch"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.from_variable.id
  vm_size                 = "Standard_D8ds_v5"
  host_encryption_enabled = data.azurerm_subscription.current.id != ""
}
