variable "public" {
  type = bool
}

variable "default_action" {
  type = string
}

variable "acls" {
  type = list(any)
}

resource "azurerm_key_vault" "public_unknown" {
  name                          = "kv-a"
  location                      = "westeurope"
  resource_group_name           = "rg-a"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  public_network_access_enabled = var.public
}

resource "azurerm_key_vault" "action_unknown" {
  name                = "kv-b"
  location            = "westeurope"
  resource_group_name = "rg-b"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  network_acls {
    default_action = var.default_action
    bypass         = "AzureServices"
  }
}

resource "azurerm_key_vault" "acl_presence_unknown" {
  name                = "kv-c"
  location            = "westeurope"
  resource_group_name = "rg-c"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"

  dynamic "network_acls" {
    for_each = var.acls
    content {
      default_action = "Deny"
      bypass         = "AzureServices"
    }
  }
}

# Block written in attribute syntax: not read, so not called missing.
resource "azurerm_key_vault" "acl_as_attribute" {
  name                = "kv-d"
  location            = "westeurope"
  resource_group_name = "rg-d"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  network_acls = [{
    default_action             = "Deny"
    bypass                     = "AzureServices"
    ip_rules                   = []
    virtual_network_subnet_ids = []
  }]
}
