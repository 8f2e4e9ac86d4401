module "locked" {
  source      = "./modules/aks"
  run_command = false
}

module "open" {
  source = "./modules/aks"
}
