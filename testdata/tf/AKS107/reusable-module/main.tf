# A module made to be called (published to a registry, say): it configures no provider and no
# backend, so its outputs are its interface to the configuration that calls it, which decides
# what to export. Its outputs are not judged; a file it writes is.
terraform {
  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
    }
  }
}

resource "azurerm_kubernetes_cluster" "this" {
  name = "aks-module"
}

output "kube_admin_config_raw" {
  value     = azurerm_kubernetes_cluster.this.kube_admin_config_raw
  sensitive = true
}

output "kube_config" {
  value     = azurerm_kubernetes_cluster.this.kube_config
  sensitive = true
}

resource "local_file" "kubeconfig" {
  filename = "${path.root}/kubeconfig"
  content  = azurerm_kubernetes_cluster.this.kube_admin_config_raw # expect: AKS107
}
