variable "client_id" {
  type = string
}

variable "client_secret" {
  type = string
}

variable "cluster_count" {
  type = number
}

# Generated or not depending on input: silent.
resource "azurerm_kubernetes_cluster" "maybe" {
  name = "aks-maybe"

  dynamic "service_principal" {
    for_each = var.client_id != "" && var.client_secret != "" ? ["service_principal"] : []
    content {
      client_id     = var.client_id
      client_secret = var.client_secret
    }
  }
}

resource "azurerm_kubernetes_cluster" "maybe_cluster" {
  count = var.cluster_count
  name  = "aks-maybe-cluster"

  service_principal { # expect: AKS105
    client_id     = var.client_id
    client_secret = var.client_secret
  }
}
