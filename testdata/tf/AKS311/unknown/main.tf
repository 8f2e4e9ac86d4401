variable "plugin" {
  type = string
}

variable "k8s_version" {
  type = string
}

variable "profiles" {
  type = list(any)
}

resource "azurerm_kubernetes_cluster" "from_var" {
  name                = "aks-from_var"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "from_var"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = var.plugin
  }
}

resource "azurerm_kubernetes_cluster" "dynamic_unknown" {
  name                = "aks-dyn"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "dyn"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  dynamic "network_profile" {
    for_each = var.profiles
    content {
      network_plugin = network_profile.value.plugin
    }
  }
}

# for_each known empty: no network_profile block, and no kubernetes_version either: AKS's
# current default version gets Azure CNI Overlay.
resource "azurerm_kubernetes_cluster" "dynamic_empty" {
  name                = "aks-dyn-empty"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "dyn-empty"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }

  dynamic "network_profile" {
    for_each = []
    content {
      network_plugin = "azure"
    }
  }
}

# No network_profile, a Kubernetes version that cannot be known.
resource "azurerm_kubernetes_cluster" "version_unknown" {
  name                = "aks-version-unknown"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "version-unknown"
  kubernetes_version  = var.k8s_version

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
