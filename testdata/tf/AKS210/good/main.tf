resource "azurerm_disk_encryption_set" "aks" {
  name                = "des-aks"
  location            = "westeurope"
  resource_group_name = "rg"
  key_vault_key_id    = "https://kv-aks.vault.azure.net/keys/aks-disks/0123456789abcdef0123456789abcdef"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "reference" {
  name                   = "aks-reference"
  location               = "westeurope"
  resource_group_name    = "rg"
  dns_prefix             = "reference"
  disk_encryption_set_id = azurerm_disk_encryption_set.aks.id

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "literal" {
  name                   = "aks-literal"
  location               = "westeurope"
  resource_group_name    = "rg"
  dns_prefix             = "literal"
  disk_encryption_set_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des-aks"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

