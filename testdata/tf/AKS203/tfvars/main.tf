resource "azurerm_kubernetes_cluster" "from_tfvars" {
  name                      = "aks-tfvars"
  automatic_channel_upgrade = var.automatic_channel_upgrade # expect: AKS203
}
