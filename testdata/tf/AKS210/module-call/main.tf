module "with_key" {
  source = "./modules/aks"
  des_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des-aks"
}

module "without_key" {
  source = "./modules/aks"
}
