# azurerm v3 spelling.
resource "azurerm_kubernetes_cluster" "v3_unmanaged" {
  name                    = "aks-v3"
  node_os_channel_upgrade = "Unmanaged" # expect: AKS204
}

resource "azurerm_kubernetes_cluster" "v3_node_image" {
  name                    = "aks-v3-node-image"
  node_os_channel_upgrade = "NodeImage"
}

# Absent on v3: the provider sends nothing and AKS applies its own default; not reported.
resource "azurerm_kubernetes_cluster" "v3_absent" {
  name                      = "aks-v3-absent"
  automatic_channel_upgrade = "patch"
}
