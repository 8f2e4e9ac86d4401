variable "public" {
  type = bool
}

variable "rules" {
  type = list(any)
}

resource "azurerm_container_registry" "public_unknown" {
  name                          = "acra"
  location                      = "westeurope"
  resource_group_name           = "rg-a"
  sku                           = "Premium"
  public_network_access_enabled = var.public
}

resource "azurerm_container_registry" "rules_unknown" {
  name                = "acrb"
  location            = "westeurope"
  resource_group_name = "rg-b"
  sku                 = "Premium"
  network_rule_set    = var.rules
}

resource "azurerm_container_registry" "dynamic_unknown" {
  name                = "acrc"
  location            = "westeurope"
  resource_group_name = "rg-c"
  sku                 = "Premium"

  dynamic "network_rule_set" {
    for_each = var.rules
    content {
      default_action = "Deny"
    }
  }
}
