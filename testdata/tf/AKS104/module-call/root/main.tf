module "off" {
  source = "../modules/aks"
  rbac   = false
}

module "on" {
  source = "../modules/aks"
}
