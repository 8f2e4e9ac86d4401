variable "vaults" {
  type = map(string)
}

variable "create" {
  type = bool
}

# Whether the vault exists cannot be known: judged once, as a representative instance
# (`azurerm_key_vault.maybe[*]`), which leaves RBAC authorization at its default.
resource "azurerm_key_vault" "maybe" { # expect: AKS515
  count               = var.create ? 1 : 0
  name                = "kv-maybe"
  location            = "westeurope"
  resource_group_name = "rg-maybe"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

# Unknown instances, each with RBAC authorization on: nothing to say.
resource "azurerm_key_vault" "each" {
  for_each                   = var.vaults
  name                       = "kv-${each.key}"
  location                   = each.value
  resource_group_name        = "rg-${each.key}"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  rbac_authorization_enabled = true
}
