resource "azurerm_container_registry" "private" {
  name                          = "acra"
  location                      = "westeurope"
  resource_group_name           = "rg-a"
  sku                           = "Premium"
  public_network_access_enabled = false
}

resource "azurerm_container_registry" "firewalled" {
  name                = "acrb"
  location            = "westeurope"
  resource_group_name = "rg-b"
  sku                 = "Premium"

  network_rule_set {
    default_action = "Deny"

    ip_rule {
      action   = "Allow"
      ip_range = "203.0.113.0/24"
    }
  }
}

resource "azurerm_container_registry" "firewalled_attr" {
  name                = "acrc"
  location            = "westeurope"
  resource_group_name = "rg-c"
  sku                 = "Premium"
  network_rule_set = [{
    default_action = "Deny"
    ip_rule = [{
      action   = "Allow"
      ip_range = "203.0.113.0/24"
    }]
  }]
}

locals {
  private = true
}

resource "azurerm_container_registry" "local" {
  name                          = "acrd"
  location                      = "westeurope"
  resource_group_name           = "rg-d"
  sku                           = "Premium"
  public_network_access_enabled = !local.private
}
