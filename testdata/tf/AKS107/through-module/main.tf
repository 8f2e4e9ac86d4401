# A configuration that is applied (it configures its provider), reading its clusters' kubeconfigs
# through the outputs of local child modules.
provider "azurerm" {
  features {}
}

# A child whose cluster keeps local accounts and has no Entra ID integration.
module "aks" {
  source = "./modules/aks"
  name   = "aks-local"
}

# The child's output reads its cluster's user kubeconfig: a static client certificate.
output "kube_config_raw" {
  value     = module.aks.kube_config_raw # expect: AKS107
  sensitive = true
}

resource "local_file" "kubeconfig" {
  filename = "${path.module}/kubeconfig"
  content  = module.aks.kube_config_raw # expect: AKS107
}

# Through the child's local, and the admin kubeconfig.
output "admin" {
  value     = module.aks.admin_kubeconfig # expect: AKS107
  sensitive = true
}

# The non-secret part of the block the child outputs: silent.
output "host" {
  value = module.aks.kube_config[0].host
}

# A child output that is no secret: silent.
output "cluster_id" {
  value = module.aks.id
}

# An output the child does not declare: silent.
output "missing" {
  value = module.aks.nothing
}

# The same child with local accounts disabled by this call: judged in the instance the call
# makes, its user kubeconfig holds no credential, silent.
module "aks_off" {
  source                 = "./modules/aks"
  name                   = "aks-off"
  local_account_disabled = true
}

output "off_kube_config_raw" {
  value     = module.aks_off.kube_config_raw
  sensitive = true
}

# A child with local accounts disabled by the caller's argument, plus Entra ID: the user
# kubeconfig holds no credential, silent.
module "entra" {
  source                 = "./modules/aks-entra"
  name                   = "aks-entra"
  local_account_disabled = true
}

output "entra_kube_config_raw" {
  value     = module.entra.kube_config_raw
  sensitive = true
}

resource "local_file" "entra_kubeconfig" {
  filename = "${path.module}/entra-kubeconfig"
  content  = module.entra.kube_config_raw
}

# A remote module's output is not followed: silent.
module "remote" {
  source  = "Azure/aks/azurerm"
  version = "9.0.0"
}

output "remote_kube_config_raw" {
  value     = module.remote.kube_config_raw
  sensitive = true
}
