resource "azurerm_container_registry" "defaults" { # expect: AKS612
  name                = "acra"
  location            = "westeurope"
  resource_group_name = "rg-a"
  sku                 = "Basic"
}

resource "azurerm_container_registry" "public_true" {
  name                          = "acrb"
  location                      = "westeurope"
  resource_group_name           = "rg-b"
  sku                           = "Premium"
  public_network_access_enabled = true # expect: AKS612
}

resource "azurerm_container_registry" "rules_allow" {
  name                = "acrc"
  location            = "westeurope"
  resource_group_name = "rg-c"
  sku                 = "Premium"

  network_rule_set {
    default_action = "Allow" # expect: AKS612

    ip_rule {
      action   = "Allow"
      ip_range = "203.0.113.0/24"
    }
  }
}

# default_action defaults to Allow.
resource "azurerm_container_registry" "rules_default" { # expect: AKS612
  name                = "acrd"
  location            = "westeurope"
  resource_group_name = "rg-d"
  sku                 = "Premium"

  network_rule_set {
    ip_rule {
      action   = "Allow"
      ip_range = "203.0.113.0/24"
    }
  }
}

# Attribute syntax, allowing.
resource "azurerm_container_registry" "rules_attr_allow" { # expect: AKS612
  name                = "acre"
  location            = "westeurope"
  resource_group_name = "rg-e"
  sku                 = "Premium"
  network_rule_set = [{
    default_action = "Allow"
    ip_rule        = []
  }]
}

resource "azurerm_container_registry" "empty_rules" { # expect: AKS612
  name                = "acrf"
  location            = "westeurope"
  resource_group_name = "rg-f"
  sku                 = "Standard"
  network_rule_set    = []
}
