variable "name" {
  type = string
}

resource "azurerm_kubernetes_cluster" "this" {
  name = var.name
}

# A child module's outputs reach only its caller, which does not export them: silent.
output "kube_admin_config_raw" {
  value     = azurerm_kubernetes_cluster.this.kube_admin_config_raw
  sensitive = true
}

output "kube_config_raw" {
  value     = azurerm_kubernetes_cluster.this.kube_config_raw
  sensitive = true
}

# A file the child writes is written all the same, once per call.
resource "local_file" "kubeconfig" {
  filename = "${var.name}.kubeconfig"
  content  = azurerm_kubernetes_cluster.this.kube_admin_config_raw # expect: AKS107
}
