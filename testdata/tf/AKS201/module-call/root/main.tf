module "public" {
  source = "../modules/aks"
}

module "private" {
  source  = "../modules/aks"
  private = true
}

module "restricted" {
  source = "../modules/aks"
  ranges = ["203.0.113.0/24"]
}
