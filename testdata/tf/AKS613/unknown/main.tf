variable "anonymous_pull" {
  type = bool
}

variable "registries" {
  type = map(bool)
}

resource "azurerm_container_registry" "main" {
  name                   = "acra"
  location               = "westeurope"
  resource_group_name    = "rg-a"
  sku                    = "Premium"
  anonymous_pull_enabled = var.anonymous_pull
}

resource "azurerm_container_registry" "per_env" {
  for_each               = var.registries
  name                   = "acr${each.key}"
  location               = "westeurope"
  resource_group_name    = "rg-${each.key}"
  sku                    = "Premium"
  anonymous_pull_enabled = true # expect: AKS613
}
