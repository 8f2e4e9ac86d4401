module "insecure" {
  source                 = "../modules/aks"
  name                   = "aks-a"
  local_account_disabled = false
}

module "hardened" {
  source                 = "../modules/aks"
  name                   = "aks-b"
  local_account_disabled = true
}

# The child's own default (null) applies: the provider default keeps local accounts.
module "defaulted" {
  source = "../modules/aks"
  name   = "aks-c"
}

variable "from_pipeline" {
  type = bool
}

module "unknown" {
  source                 = "../modules/aks"
  name                   = "aks-d"
  local_account_disabled = var.from_pipeline
}
