module "azure_rbac" {
  source     = "../modules/aks"
  azure_rbac = true
}

module "kubernetes_rbac" {
  source     = "../modules/aks"
  azure_rbac = false
}

# The child's default (null): the provider default `false` applies.
module "defaulted" {
  source = "../modules/aks"
}
