resource "azurerm_kubernetes_cluster" "standard" {
  name                = "aks-standard"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "standard"
  sku_tier            = "Standard"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "premium" {
  name                = "aks-premium"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "premium"
  sku_tier            = "Premium"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "paid" {
  name                = "aks-paid"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "paid"
  sku_tier            = "Paid" # azurerm v3, before Standard

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

