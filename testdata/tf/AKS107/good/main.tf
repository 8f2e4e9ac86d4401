# A configuration that is applied: it configures its provider (outputs of a module without one
# go to its callers).
provider "azurerm" {
  features {}
}

resource "azurerm_kubernetes_cluster" "main" {
  name                   = "aks-good"
  local_account_disabled = true
}

# With local accounts disabled, the user kubeconfig only tells kubelogin to use Entra ID.
output "kube_config" {
  value     = azurerm_kubernetes_cluster.main.kube_config_raw
  sensitive = true
}

resource "local_file" "kubeconfig" {
  filename = "kubeconfig"
  content  = azurerm_kubernetes_cluster.main.kube_config_raw
}

# What identifies the cluster is no secret.
output "id" {
  value = azurerm_kubernetes_cluster.main.id
}

output "fqdn" {
  value = azurerm_kubernetes_cluster.main.fqdn
}

resource "azurerm_kubernetes_cluster" "open" {
  name = "aks-open"
}

# The non-secret parts of a kubeconfig block.
output "host" {
  value = azurerm_kubernetes_cluster.open.kube_config[0].host
}

output "ca" {
  value = azurerm_kubernetes_cluster.open.kube_config.0.cluster_ca_certificate
}

locals {
  kube = {
    key  = azurerm_kubernetes_cluster.open.kube_config[0].client_key
    host = azurerm_kubernetes_cluster.open.kube_config[0].host
  }
  export = false
}

output "host_from_local" {
  value = local.kube.host
}

# A conditional whose condition is known false.
output "not_exported" {
  value = local.export ? azurerm_kubernetes_cluster.open.kube_config_raw : ""
}

# Another resource's `content` and a file of other content.
resource "local_file" "readme" {
  filename = "README.txt"
  content  = "cluster ${azurerm_kubernetes_cluster.open.name}"
}

# With the Entra ID integration, the user kubeconfig holds no credential (it tells kubelogin to
# sign in), local accounts or not; only the admin kubeconfig does.
resource "azurerm_kubernetes_cluster" "entra" {
  name = "aks-entra"

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }
}

output "entra_kube_config" {
  value = azurerm_kubernetes_cluster.entra.kube_config_raw
}
