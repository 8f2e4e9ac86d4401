resource "random_string" "dns_prefix" {
  length  = 10
  special = false
}

resource "azapi_resource" "this" { # expect: AKS102, AKS106, AKS201, AKS207, AKS208, AKS210, AKS312, AKS313, AKS705
  type                 = var.kubernetes_version == null ? "Microsoft.ContainerService/managedClusters@2025-10-01" : "Microsoft.ContainerService/managedClusters@2026-03-02-preview"
  name                 = var.name
  parent_id            = var.parent_id
  location             = "westeurope"
  body                 = local.resource_body
  ignore_null_property = true

  identity {
    type = "SystemAssigned"
  }
}
