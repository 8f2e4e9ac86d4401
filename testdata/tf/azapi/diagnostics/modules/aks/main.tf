resource "azapi_resource" "this" {
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "child"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
  body      = { properties = { dnsPrefix = "child" } }
}

output "id" {
  value = azapi_resource.this.id
}
