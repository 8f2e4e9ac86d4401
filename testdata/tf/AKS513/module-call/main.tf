module "secure" {
  source           = "./modules/kv"
  name             = "kv-secure"
  purge_protection = true
}

module "sandbox" {
  source = "./modules/kv"
  name   = "kv-sandbox"
}
