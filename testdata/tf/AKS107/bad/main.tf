# A configuration that is applied: it configures its provider (outputs of a module without one
# go to its callers).
provider "azurerm" {
  features {}
}

# Local accounts are left at the provider default (enabled).
resource "azurerm_kubernetes_cluster" "main" {
  name = "aks-bad"
}

# The admin kubeconfig, always: `sensitive` hides it from the CLI, not from the state.
output "admin_kubeconfig" {
  value     = azurerm_kubernetes_cluster.main.kube_admin_config_raw # expect: AKS107
  sensitive = true
}

# The user kubeconfig of a cluster with local accounts holds a static certificate: written to
# disk, an error.
resource "local_file" "kubeconfig" {
  filename = "${path.module}/kubeconfig"
  content  = azurerm_kubernetes_cluster.main.kube_config_raw # expect: AKS107
}

# Through a local, and inside a function call.
locals {
  kube = {
    key  = azurerm_kubernetes_cluster.main.kube_config[0].client_key
    host = azurerm_kubernetes_cluster.main.kube_config[0].host
  }
  raw = azurerm_kubernetes_cluster.main.kube_config_raw
}

output "client_key" {
  value = base64decode(local.kube.key) # expect: AKS107
}

resource "local_sensitive_file" "from_local" {
  filename = "kubeconfig"
  content  = "${local.raw}" # expect: AKS107
}

# The admin block of a cluster whose local accounts are disabled: empty today, reported all the
# same (it carries cluster-admin again the day local accounts are enabled).
resource "azurerm_kubernetes_cluster" "hardened" {
  name                   = "aks-hardened"
  local_account_disabled = true
}

output "hardened_admin" {
  value = azurerm_kubernetes_cluster.hardened.kube_admin_config # expect: AKS107
}

# A data source's admin kubeconfig.
data "azurerm_kubernetes_cluster" "existing" {
  name                = "aks-existing"
  resource_group_name = "rg"
}

output "existing_admin" {
  value = data.azurerm_kubernetes_cluster.existing.kube_admin_config.0.password # expect: AKS107
}
