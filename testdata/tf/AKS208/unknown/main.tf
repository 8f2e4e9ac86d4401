variable "tier" {
  type = string
}

resource "azurerm_kubernetes_cluster" "from_var" {
  name                = "aks-from_var"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "from_var"
  sku_tier            = var.tier

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "lookup" {
  name                = "aks-lookup"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "lookup"
  sku_tier            = lookup(var.tiers, terraform.workspace, "Standard")

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

variable "tiers" {
  type = map(string)
}
