# No provider version information: the newest major (v5) applies, where the OIDC issuer is on by
# default; workload_identity_enabled defaults to false everywhere.
resource "azurerm_kubernetes_cluster" "absent" { # expect: AKS106
  name                = "aks-absent"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "absent"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kubernetes_cluster" "wi_false" {
  name                      = "aks-wi-false"
  oidc_issuer_enabled       = true
  workload_identity_enabled = false # expect: AKS106
}

resource "azurerm_kubernetes_cluster" "wi_null" {
  name                      = "aks-wi-null"
  workload_identity_enabled = null # expect: AKS106
}

# Workload identity needs the issuer.
resource "azurerm_kubernetes_cluster" "oidc_false" {
  name                      = "aks-oidc-false"
  oidc_issuer_enabled       = false # expect: AKS106
  workload_identity_enabled = true
}

# Both off: one finding, at the first one written.
resource "azurerm_kubernetes_cluster" "both_false" {
  name                      = "aks-both-false"
  workload_identity_enabled = false # expect: AKS106
  oidc_issuer_enabled       = false
}

variable "workload_identity" {
  type = bool
}

# Whatever workload_identity_enabled is, the issuer is off.
resource "azurerm_kubernetes_cluster" "oidc_false_wi_unknown" {
  name                      = "aks-oidc-false-wi-unknown"
  oidc_issuer_enabled       = false # expect: AKS106
  workload_identity_enabled = var.workload_identity
}
