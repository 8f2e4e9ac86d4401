variable "rules" {
  type = list(string)
}

# A `dynamic "network_rule_set"` whose `for_each` cannot be known is judged on what it sets (the
# representative instance's block): this one allows every network, and without it the registry
# would accept every network too.
resource "azurerm_container_registry" "allows_if_there" {
  name                = "acrallows"
  location            = "westeurope"
  resource_group_name = "rg-acr"
  sku                 = "Premium"

  dynamic "network_rule_set" {
    for_each = var.rules
    content {
      default_action = "Allow" # expect: AKS612
    }
  }
}
