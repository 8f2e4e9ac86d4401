resource "azurerm_kubernetes_cluster" "aks" {
  name                   = "aks"
  local_account_disabled = true
  local_account_disabled = false # expect: AKS001
}
