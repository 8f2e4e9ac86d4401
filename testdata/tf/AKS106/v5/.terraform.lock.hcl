provider "registry.terraform.io/hashicorp/azurerm" {
  version     = "5.0.1"
  constraints = ">= 4.0.0"
}
