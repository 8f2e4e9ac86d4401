variable "local_account_disabled" {
  type = bool
}

variable "cluster_count" {
  type = number
}

variable "clusters" {
  type = map(string)
}

# A variable without a value: unknown, never a finding.
resource "azurerm_kubernetes_cluster" "from_variable" {
  name                   = "aks-var"
  local_account_disabled = var.local_account_disabled
}

# May or may not exist (`count`, `for_each` unknown): judged once, as a representative instance
# (`azurerm_kubernetes_cluster.maybe[*]`, `…each["*"]`), on what does not depend on the instance.
resource "azurerm_kubernetes_cluster" "maybe" { # expect: AKS101
  count = var.cluster_count
  name  = "aks-maybe"
}

resource "azurerm_kubernetes_cluster" "each" { # expect: AKS101
  for_each = var.clusters
  name     = each.key
}

# Another resource's attribute is not known before apply.
resource "azurerm_kubernetes_cluster" "from_data" {
  name                   = "aks-data"
  local_account_disabled = data.external.policy.result.disabled
}

# A function the evaluator does not know.
resource "azurerm_kubernetes_cluster" "from_function" {
  name                   = "aks-fn"
  local_account_disabled = can(regex("prod", "prod-1"))
}
