# The cluster is created elsewhere: which one the output names is not known offline.
variable "cluster_name" {
  type = string
}

data "azurerm_kubernetes_cluster" "this" {
  name                = var.cluster_name
  resource_group_name = "rg-aks"
}

output "cluster_id" {
  value = data.azurerm_kubernetes_cluster.this.id
}
