resource "azurerm_container_registry" "main" {
  name                   = "acra"
  location               = "westeurope"
  resource_group_name    = "rg-a"
  sku                    = "Standard"
  anonymous_pull_enabled = true # expect: AKS613
}

# The provider rejects this on Basic; the intent is still reported.
resource "azurerm_container_registry" "basic" {
  name                   = "acrb"
  location               = "westeurope"
  resource_group_name    = "rg-b"
  sku                    = "Basic"
  anonymous_pull_enabled = true # expect: AKS613
}

locals {
  registries = {
    public = true
  }
}

resource "azurerm_container_registry" "per_env" {
  for_each               = local.registries
  name                   = "acr${each.key}"
  location               = "westeurope"
  resource_group_name    = "rg-${each.key}"
  sku                    = "Premium"
  anonymous_pull_enabled = each.value # expect: AKS613
}
