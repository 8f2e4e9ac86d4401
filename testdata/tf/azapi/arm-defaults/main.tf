locals {
  rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
  oms = {
    omsagent = { enabled = true }
  }
}

# Private, the public FQDN left null: ARM creates it, as when the property is absent.
resource "azapi_resource" "private_null" {
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "private-null"
  parent_id = local.rg
  body = {
    properties = {
      addonProfiles = local.oms
      apiServerAccessProfile = {
        enablePrivateCluster           = true
        enablePrivateClusterPublicFQDN = null # expect: AKS209
      }
    }
  }
}

resource "azapi_resource" "private_without_public_name" {
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "private-off"
  parent_id = local.rg
  body = {
    properties = {
      addonProfiles = local.oms
      apiServerAccessProfile = {
        enablePrivateCluster           = true
        enablePrivateClusterPublicFQDN = false
      }
    }
  }
}

# Container Insights through the preview azureMonitorProfile; a public cluster has no AKS209.
resource "azapi_resource" "monitor_profile" {
  type      = "Microsoft.ContainerService/managedClusters@2024-09-02-preview"
  name      = "monitor-profile"
  parent_id = local.rg
  body = {
    properties = {
      azureMonitorProfile = {
        containerInsights = { enabled = true }
      }
    }
  }
}

resource "azapi_resource" "no_insights" { # expect: AKS705
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "no-insights"
  parent_id = local.rg
  body = {
    properties = {
      azureMonitorProfile = {
        metrics = { enabled = true }
      }
    }
  }
}

resource "azapi_resource" "kv_old" {
  type      = "Microsoft.KeyVault/vaults@2023-07-01"
  name      = "kv-old"
  parent_id = local.rg
  body = {
    properties = {
      enableRbacAuthorization = null # expect: AKS515
    }
  }
}

resource "azapi_resource" "kv_new" {
  type      = "Microsoft.KeyVault/vaults@2026-02-01"
  name      = "kv-new"
  parent_id = local.rg
  body = {
    properties = {
      enableRbacAuthorization = null
    }
  }
}
