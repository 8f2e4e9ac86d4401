variable "name" {
  type = string
}

variable "local_account_disabled" {
  type    = bool
  default = null
}

# Judged once per caller: `insecure` and `defaulted` fire, `hardened` and `unknown` do not.
resource "azurerm_kubernetes_cluster" "this" {
  name                   = var.name
  local_account_disabled = var.local_account_disabled # expect: AKS101, AKS101
}
