# The subject names the ServiceAccount exactly; one that names no namespace matches any.
resource "azurerm_federated_identity_credential" "orders" {
  name                = "orders"
  resource_group_name = "rg-shop"
  parent_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders"
  issuer              = "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/"
  subject             = "system:serviceaccount:shop:orders"
  audience            = ["api://AzureADTokenExchange"]
}

resource "azurerm_federated_identity_credential" "ledger" {
  name                = "ledger"
  resource_group_name = "rg-shop"
  parent_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ledger"
  issuer              = "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/"
  subject             = "system:serviceaccount:finance:ledger"
  audience            = ["api://AzureADTokenExchange"]
}
