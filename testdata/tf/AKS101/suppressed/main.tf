# akslint-ignore: AKS101 -- sandbox cluster, torn down nightly
resource "azurerm_kubernetes_cluster" "sandbox" {
  name = "aks-sandbox"
}

resource "azurerm_kubernetes_cluster" "lab" {
  name                   = "aks-lab"
  local_account_disabled = false # akslint-ignore: local-accounts-enabled -- lab without Entra ID
}
