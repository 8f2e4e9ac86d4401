provider "azurerm" {
  features {}
}

variable "stamps" {
  type = map(object({
    location    = string
    private     = bool
    diagnostics = bool
  }))
}

variable "regions" {
  type = list(string)
}

# No value for `stamps`: which stamps exist is unknown, not "none".
module "stamp" {
  source      = "./stamp"
  for_each    = var.stamps
  name        = "stamp-${each.key}"
  location    = each.value.location
  private     = each.value.private
  diagnostics = each.value.diagnostics
}

# `count` over an unknown number: one representative, `module.regional[*]`, judged alike.
module "regional" {
  source      = "./stamp"
  count       = length(var.regions)
  name        = "regional"
  location    = "westeurope"
  private     = true
  diagnostics = true
}

# Known to make no instance: nothing to judge.
module "retired" {
  source      = "./stamp"
  for_each    = {}
  name        = "retired"
  location    = "westeurope"
  private     = false
  diagnostics = false
}
