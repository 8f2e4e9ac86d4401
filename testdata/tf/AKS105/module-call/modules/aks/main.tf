variable "client_id" {
  type    = string
  default = ""
}

variable "client_secret" {
  type    = string
  default = ""
}

resource "azurerm_kubernetes_cluster" "this" {
  name = "aks"

  identity {
    type = "SystemAssigned"
  }

  dynamic "service_principal" { # expect: AKS105
    for_each = var.client_id != "" && var.client_secret != "" ? ["service_principal"] : []
    content {
      client_id     = var.client_id
      client_secret = var.client_secret
    }
  }
}
