module "with_secret" {
  source        = "../modules/aks"
  client_id     = "00000000-0000-0000-0000-000000000000"
  client_secret = "placeholder"
}

module "managed_identity" {
  source = "../modules/aks"
}
