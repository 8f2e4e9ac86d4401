terraform {
  required_providers {
    azapi = {
      source  = "Azure/azapi"
      version = "~> 1.12"
    }
  }
}

locals {
  ranges = ["0.0.0.0/0"] # expect: AKS202
}

# v1: a JSON string built by jsonencode; values keep where they were written.
resource "azapi_resource" "v1" { # expect: AKS101, AKS102, AKS312
  type      = "Microsoft.ContainerService/managedClusters@2023-05-01"
  name      = "v1"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
  body = jsonencode({
    sku = { name = "Base", tier = "Free" } # expect: AKS208
    properties = {
      enableRBAC = false # expect: AKS104
      apiServerAccessProfile = {
        authorizedIPRanges = local.ranges
        disableRunCommand  = false # expect: AKS207
      }
    }
  })
}

# A JSON heredoc: good values, and a private cluster whose public FQDN ARM creates by default.
resource "azapi_resource" "heredoc" { # expect: AKS209
  type      = "Microsoft.ContainerService/managedClusters@2023-05-01"
  name      = "heredoc"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
  body      = <<-JSON
    {
      "sku": {"name": "Base", "tier": "Standard"},
      "properties": {
        "disableLocalAccounts": true,
        "aadProfile": {"managed": true, "enableAzureRBAC": true},
        "apiServerAccessProfile": {"enablePrivateCluster": true, "disableRunCommand": true},
        "networkProfile": {"networkPlugin": "azure", "networkPolicy": "azure"}
      }
    }
  JSON
}

# A patch of a cluster created elsewhere: what it writes is judged, nothing it leaves out.
resource "azapi_update_resource" "patch" {
  type        = "Microsoft.ContainerService/managedClusters@2024-01-01"
  resource_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/elsewhere"
  body = {
    properties = {
      disableLocalAccounts = false # expect: AKS101
      agentPoolProfiles = [{
        name               = "system"
        enableNodePublicIP = true # expect: AKS206
      }]
    }
  }
}

# AKS Automatic: absent properties are the RP's to choose; only explicit values are judged (the
# open range is not AKS202's: whether the API server is private is left to the RP).
resource "azapi_resource" "automatic" {
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "automatic"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
  body = {
    sku = { name = "Automatic", tier = "Standard" }
    properties = {
      disableLocalAccounts = false # expect: AKS101
      apiServerAccessProfile = {
        authorizedIPRanges = ["10.0.0.0/8", "0.0.0.0/0"]
      }
    }
  }
}
