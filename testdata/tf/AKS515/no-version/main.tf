resource "azurerm_key_vault" "not_set" { # expect: AKS515
  name                = "kv-a"
  location            = "westeurope"
  resource_group_name = "rg-a"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}
