locals {
  rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
}

resource "azapi_resource" "aks" { # expect: AKS703
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "aks"
  parent_id = local.rg
  body = {
    properties = {
      agentPoolProfiles = [{ name = "system", enableEncryptionAtHost = true }]
    }
  }
}

# The containers plan on the Free tier does not turn Defender on.
resource "azapi_resource" "plan" {
  type      = "Microsoft.Security/pricings@2024-01-01"
  name      = "Containers"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
  body      = { properties = { pricingTier = "Free" } }
}

resource "azapi_resource" "user_pool" { # expect: AKS205
  type      = "Microsoft.ContainerService/managedClusters/agentPools@2025-10-01"
  name      = "user"
  parent_id = azapi_resource.aks.id
  body = {
    properties = {
      enableNodePublicIP = true # expect: AKS206
    }
  }
}

resource "azapi_resource" "good_pool" {
  type      = "Microsoft.ContainerService/managedClusters/agentpools@2025-10-01"
  name      = "good"
  parent_id = azapi_resource.aks.id
  body = {
    properties = { enableEncryptionAtHost = true, enableNodePublicIP = false }
  }
}

resource "azapi_resource" "acr" {
  type      = "Microsoft.ContainerRegistry/registries@2025-11-01"
  name      = "acr"
  parent_id = local.rg
  body = {
    sku = { name = "Premium" }
    properties = {
      adminUserEnabled     = true # expect: AKS611
      anonymousPullEnabled = true # expect: AKS613
      publicNetworkAccess  = "Enabled" # expect: AKS612
    }
  }
}

resource "azapi_resource" "good_acr" {
  type      = "Microsoft.ContainerRegistry/registries@2025-11-01"
  name      = "goodacr"
  parent_id = local.rg
  body = {
    sku = { name = "Premium" }
    properties = {
      publicNetworkAccess = "Enabled"
      networkRuleSet      = { defaultAction = "Deny" }
    }
  }
}

# API 2025-05-01: RBAC authorization is off when absent.
resource "azapi_resource" "kv" { # expect: AKS513, AKS515
  type      = "Microsoft.KeyVault/vaults@2025-05-01"
  name      = "kv"
  parent_id = local.rg
  body = {
    properties = {
      tenantId    = "00000000-0000-0000-0000-000000000000"
      sku         = { family = "A", name = "standard" }
      networkAcls = { defaultAction = "Allow" } # expect: AKS514
    }
  }
}

# API 2026-02-01: RBAC authorization is on when absent.
resource "azapi_resource" "good_kv" {
  type      = "Microsoft.KeyVault/vaults@2026-02-01"
  name      = "goodkv"
  parent_id = local.rg
  body = {
    properties = {
      tenantId              = "00000000-0000-0000-0000-000000000000"
      sku                   = { family = "A", name = "standard" }
      enablePurgeProtection = true
      publicNetworkAccess   = "Disabled"
    }
  }
}
