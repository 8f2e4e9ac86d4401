module "issuer_on" {
  source = "../modules/aks"
  oidc   = true
}

# The caller's constraint (v4) reaches the child, which says nothing about versions.
module "issuer_default" {
  source = "../modules/aks"
}
