resource "azapi_resource" "this" {
  type                 = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name                 = "aks"
  parent_id            = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
  body                 = local.body
  ignore_null_property = true

  identity {
    type = "SystemAssigned"
  }
}
