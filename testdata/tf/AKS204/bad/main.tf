resource "azurerm_kubernetes_cluster" "none" {
  name                    = "aks-none"
  location                = "westeurope"
  resource_group_name     = "rg"
  dns_prefix              = "none"
  node_os_upgrade_channel = "None" # expect: AKS204
}

resource "azurerm_kubernetes_cluster" "unmanaged" {
  name                    = "aks-unmanaged"
  node_os_upgrade_channel = "Unmanaged" # expect: AKS204
}

variable "node_os_channel" {
  type    = string
  default = "Unmanaged"
}

resource "azurerm_kubernetes_cluster" "from_variable" {
  name                    = "aks-var"
  node_os_upgrade_channel = var.node_os_channel # expect: AKS204
}
