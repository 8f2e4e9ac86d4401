variable "create" {
  type = bool
}

# May or may not exist: judged as a representative instance (`maybe[*]`).
resource "azurerm_kubernetes_cluster" "maybe" { # expect: AKS703
  count = var.create ? 1 : 0

  name                = "aks-maybe"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-maybe"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "one" {  # expect: AKS703
  count = 1

  name                = "aks-one"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-one"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "none" {
  count = 0

  name                = "aks-none"
  location            = "westeurope"
  resource_group_name = "rg-aks"
  dns_prefix          = "aks-none"

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
