variable "channel" {
  type = string
}

variable "cluster_count" {
  type = number
}

resource "azurerm_kubernetes_cluster" "from_variable" {
  name                      = "aks-var"
  automatic_upgrade_channel = var.channel
}

resource "azurerm_kubernetes_cluster" "maybe_cluster" { # expect: AKS203
  count = var.cluster_count
  name  = "aks-maybe"
}
