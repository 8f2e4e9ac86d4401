# Front-end fixture (src/terraform/tests.rs, `fixture_on_disk`): a root module with tfvars, a
# var-file, a lock file and a local child module. Resource types are made up, so no rule reads it.
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.100"
    }
  }
}

locals {
  suffix = lower(var.env)
}

resource "example_group" "rg" {
  name = "rg-${local.suffix}"
}

module "child" {
  source   = "./modules/child"
  name     = "${var.prefix}-${local.suffix}"
  private  = var.env == "PROD"
  group_id = example_group.rg.id
}

module "remote" {
  source  = "example/thing/registry"
  version = "1.0.0"
}
