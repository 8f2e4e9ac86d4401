# Absent: v4 and v5 default to NodeImage, and AKS defaults new clusters to it.
resource "azurerm_kubernetes_cluster" "absent" {
  name                = "aks-absent"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "absent"
}

resource "azurerm_kubernetes_cluster" "null" {
  name                    = "aks-null"
  node_os_upgrade_channel = null
}

resource "azurerm_kubernetes_cluster" "node_image" {
  name                    = "aks-node-image"
  node_os_upgrade_channel = "NodeImage"
}

resource "azurerm_kubernetes_cluster" "security_patch" {
  name                    = "aks-security-patch"
  node_os_upgrade_channel = "SecurityPatch"
}

data "azurerm_kubernetes_cluster" "existing" {
  name                = "aks-elsewhere"
  resource_group_name = "rg"
}

resource "azurerm_kubernetes_cluster" "not_created" {
  count                   = 0
  name                    = "aks-not-created"
  node_os_upgrade_channel = "None"
}
