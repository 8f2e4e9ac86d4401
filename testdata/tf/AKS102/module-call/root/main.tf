module "with_entra" {
  source           = "../modules/aks"
  entra_id_enabled = true
}

module "without_entra" {
  source           = "../modules/aks"
  entra_id_enabled = false
}

variable "entra" {
  type = bool
}

module "unknown" {
  source           = "../modules/aks"
  entra_id_enabled = var.entra
}
