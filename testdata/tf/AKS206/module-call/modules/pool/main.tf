variable "cluster_id" {
  type = string
}

variable "public" {
  type = bool
}

resource "azurerm_kubernetes_cluster_node_pool" "this" {
  name                   = "pool"
  kubernetes_cluster_id  = var.cluster_id
  vm_size                = "Standard_D8ds_v5"
  node_public_ip_enabled = var.public # expect: AKS206
}
