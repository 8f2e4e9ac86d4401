resource "azapi_resource" "a" {
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "a"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
  body      = { properties = { dnsPrefix = "a" } }
}

# Sends the audit log but neither kube-apiserver nor kube-controller-manager; the disabled
# group is not sent (AVM writes such items for the groups not chosen).
resource "azapi_resource" "a_diagnostics" { # expect: AKS702
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  name      = "a-logs"
  parent_id = azapi_resource.a.id
  body = {
    properties = {
      workspaceId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs"
      logs = [
        { category = "kube-audit-admin", enabled = true },
        { categoryGroup = "allLogs", enabled = false },
      ]
    }
  }
}

# No diagnostic setting names this one.
resource "azapi_resource" "b" { # expect: AKS701
  type      = "Microsoft.ContainerService/managedClusters@2025-10-01"
  name      = "b"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
  body      = { properties = { dnsPrefix = "b" } }
}

# The child module's cluster, through its output.
module "aks" {
  source = "./modules/aks"
}

resource "azapi_resource" "child_diagnostics" {
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  name      = "child-logs"
  parent_id = module.aks.id
  body = {
    properties = {
      logs = [{ categoryGroup = "allLogs", enabled = true }]
    }
  }
}

# Defender for Containers for the subscription: covers every cluster.
resource "azapi_resource" "containers_plan" {
  type      = "Microsoft.Security/pricings@2024-01-01"
  name      = "Containers"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000"
  body = {
    properties = { pricingTier = "Standard" }
  }
}
