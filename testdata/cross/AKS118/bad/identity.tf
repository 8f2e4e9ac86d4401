# A subject with a typo (order for orders), and one for a ServiceAccount without a client ID.
resource "azurerm_federated_identity_credential" "orders" {
  name                = "orders"
  resource_group_name = "rg-shop"
  parent_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders"
  issuer              = "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/"
  subject             = "system:serviceaccount:shop:order"
  audience            = ["api://AzureADTokenExchange"]
}

resource "azurerm_federated_identity_credential" "billing" {
  name                = "billing"
  resource_group_name = "rg-shop"
  parent_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-billing"
  issuer              = "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/"
  subject             = "system:serviceaccount:shop:billing"
  audience            = ["api://AzureADTokenExchange"]
}
