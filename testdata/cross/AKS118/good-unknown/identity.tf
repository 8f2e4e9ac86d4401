# A subject that cannot be known may be the ServiceAccount's.
variable "subject" {
  type = string
}

resource "azurerm_federated_identity_credential" "orders" {
  name                = "orders"
  resource_group_name = "rg-shop"
  parent_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders"
  issuer              = "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/"
  subject             = var.subject
  audience            = ["api://AzureADTokenExchange"]
}
