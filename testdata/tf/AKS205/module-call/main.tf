# The child is evaluated through each call: the finding sits on the child's line, once per
# call that disables encryption at host.

module "prod" {
  source          = "./modules/aks"
  name            = "prod"
  host_encryption = true
}

module "dev" {
  source          = "./modules/aks"
  name            = "dev"
  host_encryption = false
}

module "test" {
  source = "./modules/aks"
  name   = "test"
}
