resource "azurerm_container_registry" "acr" {
  name = "acr"
  sku  = "Premium"
# expect: AKS001 (the block is never closed)
