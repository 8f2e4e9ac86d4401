variable "profiles" {
  type = list(string)
}

# A `dynamic "network_profile"` whose `for_each` cannot be known may or may not be there. Its
# content is the representative instance's: one that names an engine could be the profile that
# enforces policies, so the rule stays silent...
resource "azurerm_kubernetes_cluster" "engine_if_there" {
  name                = "aks-engine"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-engine"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  dynamic "network_profile" {
    for_each = var.profiles
    content {
      network_plugin = "azure"
      network_policy = "calico"
    }
  }
}

# ...while one that names none leaves the cluster without an engine whether it is there or not.
resource "azurerm_kubernetes_cluster" "no_engine_either_way" {
  name                = "aks-no-engine"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-no-engine"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  dynamic "network_profile" { # expect: AKS312
    for_each = var.profiles
    content {
      network_plugin = "azure"
    }
  }
}
