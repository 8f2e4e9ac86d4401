# Written by hand for the fixture, in the shape `terraform init` writes.
provider "registry.terraform.io/hashicorp/azurerm" {
  version     = "3.117.1"
  constraints = "~> 3.100"
  hashes      = []
}
