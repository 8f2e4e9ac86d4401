module "prod" {
  source = "./modules/aks"
  name   = "prod"
  kv_csi = true
}

module "dev" {
  source = "./modules/aks"
  name   = "dev"
  kv_csi = false
}
