resource "azurerm_kubernetes_cluster" "not_set" {
  name                = "aks-not-set"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "not-set"

  azure_active_directory_role_based_access_control { # expect: AKS103
    admin_group_object_ids = ["00000000-0000-0000-0000-000000000000"]
  }
}

resource "azurerm_kubernetes_cluster" "explicit_false" {
  name = "aks-false"

  azure_active_directory_role_based_access_control {
    admin_group_object_ids = ["00000000-0000-0000-0000-000000000000"]
    azure_rbac_enabled     = false # expect: AKS103
  }
}

resource "azurerm_kubernetes_cluster" "explicit_null" {
  name = "aks-null"

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = null # expect: AKS103
  }
}

variable "azure_rbac" {
  type    = bool
  default = false
}

resource "azurerm_kubernetes_cluster" "from_variable" {
  name = "aks-var"

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = var.azure_rbac # expect: AKS103
  }
}

# A dynamic block known to exist, its content read with the iterator.
resource "azurerm_kubernetes_cluster" "dynamic_iterator" {
  name = "aks-dynamic"

  dynamic "azure_active_directory_role_based_access_control" {
    for_each = [{ rbac = false }]
    content {
      azure_rbac_enabled = azure_active_directory_role_based_access_control.value.rbac # expect: AKS103
    }
  }
}

resource "azurerm_kubernetes_cluster" "dynamic_not_set" {
  name = "aks-dynamic-not-set"

  dynamic "azure_active_directory_role_based_access_control" { # expect: AKS103
    for_each = ["entra"]
    content {
      tenant_id = "00000000-0000-0000-0000-000000000000"
    }
  }
}

# azurerm v2 form, read as v3.
resource "azurerm_kubernetes_cluster" "v2" {
  name = "aks-v2"

  role_based_access_control {
    enabled = true

    azure_active_directory { # expect: AKS103
      managed = true
    }
  }
}
