# Several known instances: the resource is judged once.
resource "azurerm_kubernetes_cluster" "regions" {
  for_each               = toset(["westeurope", "northeurope"])
  name                   = "aks-${each.key}"
  location               = each.value
  local_account_disabled = false # expect: AKS101
}

# Per-instance values are not one known value: silent.
resource "azurerm_kubernetes_cluster" "per_instance" {
  for_each = {
    prod = true
    dev  = false
  }
  name                   = "aks-${each.key}"
  local_account_disabled = each.value
}

# One instance: its value is known.
resource "azurerm_kubernetes_cluster" "single" {
  for_each = {
    dev = false
  }
  name                   = "aks-${each.key}"
  local_account_disabled = each.value # expect: AKS101
}
