variable "des_id" {
  type = string
}

data "azurerm_disk_encryption_set" "shared" {
  name                = "des-shared"
  resource_group_name = "rg-shared"
}

resource "azurerm_kubernetes_cluster" "from_var" {
  name                   = "aks-from_var"
  location               = "westeurope"
  resource_group_name    = "rg"
  dns_prefix             = "from_var"
  disk_encryption_set_id = var.des_id

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "from_data" {
  name                   = "aks-from_data"
  location               = "westeurope"
  resource_group_name    = "rg"
  dns_prefix             = "from_data"
  disk_encryption_set_id = data.azurerm_disk_encryption_set.shared.id

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}

