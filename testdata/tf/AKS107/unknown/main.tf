# A configuration that is applied: it configures its provider (outputs of a module without one
# go to its callers).
provider "azurerm" {
  features {}
}

variable "local_account_disabled" {
  type = bool
}

variable "export" {
  type = bool
}

# Local accounts may or may not be enabled: the user kubeconfig may hold no credential.
resource "azurerm_kubernetes_cluster" "main" {
  name                   = "aks-unknown"
  local_account_disabled = var.local_account_disabled
}

output "kube_config" {
  value = azurerm_kubernetes_cluster.main.kube_config_raw
}

resource "local_file" "kubeconfig" {
  filename = "kubeconfig"
  content  = azurerm_kubernetes_cluster.main.kube_config_raw
}

resource "azurerm_kubernetes_cluster" "open" {
  name = "aks-open"
}

# May or may not be exported.
output "maybe" {
  value = var.export ? azurerm_kubernetes_cluster.open.kube_admin_config_raw : null
}

# May or may not be written: if it is, it holds the admin credentials (a representative instance).
resource "local_file" "maybe" {
  count    = var.export ? 1 : 0
  filename = "kubeconfig"
  content  = azurerm_kubernetes_cluster.open.kube_config_raw # expect: AKS107
}

# A data source's user kubeconfig: its local accounts are not known.
data "azurerm_kubernetes_cluster" "existing" {
  name                = "aks-existing"
  resource_group_name = "rg"
}

output "existing" {
  value = data.azurerm_kubernetes_cluster.existing.kube_config_raw
}

# The Entra ID integration may or may not be there.
variable "entra" {
  type = object({
    tenant_id = string
  })
}

resource "azurerm_kubernetes_cluster" "maybe_entra" {
  name = "aks-maybe-entra"

  dynamic "azure_active_directory_role_based_access_control" {
    for_each = var.entra[*]
    content {
      tenant_id = var.entra.tenant_id
    }
  }
}

output "maybe_entra" {
  value = azurerm_kubernetes_cluster.maybe_entra.kube_config_raw
}
