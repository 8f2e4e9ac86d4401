module "aks" {
  source = "../modules/aks"
  name   = "aks-child"
}

output "cluster_name" {
  value = "aks-child"
}
