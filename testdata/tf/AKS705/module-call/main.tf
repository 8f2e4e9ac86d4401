module "aks" {
  source     = "./aks"
  monitoring = false
}

module "aks_monitored" {
  source     = "./aks"
  monitoring = true
}
