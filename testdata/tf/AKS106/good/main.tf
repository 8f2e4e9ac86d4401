resource "azurerm_kubernetes_cluster" "both_on" {
  name                      = "aks-good"
  location                  = "westeurope"
  resource_group_name       = "rg"
  dns_prefix                = "good"
  oidc_issuer_enabled       = true
  workload_identity_enabled = true
}

# v5 (the newest, without version information): the issuer defaults to on.
resource "azurerm_kubernetes_cluster" "issuer_default" {
  name                      = "aks-issuer-default"
  workload_identity_enabled = true
}

resource "azurerm_kubernetes_cluster" "strings" {
  name                      = "aks-strings"
  oidc_issuer_enabled       = "true"
  workload_identity_enabled = "true"
}

data "azurerm_kubernetes_cluster" "existing" {
  name                = "aks-elsewhere"
  resource_group_name = "rg"
}

resource "azurerm_kubernetes_cluster" "not_created" {
  count = 0
  name  = "aks-none"
}
