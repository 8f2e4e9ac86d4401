resource "azurerm_key_vault" "main" {
  name                     = "kv-a"
  location                 = "westeurope"
  resource_group_name      = "rg-a"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = var.purge_protection_enabled # expect: AKS513
}
