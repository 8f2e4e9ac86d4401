variable "channel" {
  type = string
}

variable "clusters" {
  type = map(string)
}

resource "azurerm_kubernetes_cluster" "from_variable" {
  name                    = "aks-var"
  node_os_upgrade_channel = var.channel
}

resource "azurerm_kubernetes_cluster" "each" {
  for_each                = var.clusters
  name                    = each.key
  node_os_upgrade_channel = "None" # expect: AKS204
}
