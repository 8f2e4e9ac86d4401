module "aks" {
  source = "./aks"
  policy = false
}

module "aks_on" {
  source = "./aks"
  policy = true
}

module "aks_unknown" {
  source = "./aks"
  policy = var.policy
}

variable "policy" {
  type = bool
}
