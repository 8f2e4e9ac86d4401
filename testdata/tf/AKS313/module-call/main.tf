module "hub_spoke" {
  source        = "./modules/aks"
  outbound_type = "userDefinedRouting"
}

module "sandbox" {
  source = "./modules/aks"
}
