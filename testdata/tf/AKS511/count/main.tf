locals {
  clusters = {
    blue  = "westeurope"
    green = "northeurope"
  }
}

resource "azurerm_kubernetes_cluster" "pair" { # expect: AKS511
  for_each            = local.clusters
  name                = "aks-${each.key}"
  location            = each.value
  resource_group_name = "rg-${each.key}"
  dns_prefix          = each.key
}

resource "azurerm_kubernetes_cluster" "one" { # expect: AKS511
  count               = 1
  name                = "aks-one"
  location            = "westeurope"
  resource_group_name = "rg-one"
  dns_prefix          = "one"
}
