module "aks" {
  source           = "./aks"
  enable_defender  = false
}

module "aks_defended" {
  source          = "./aks"
  enable_defender = true
}
