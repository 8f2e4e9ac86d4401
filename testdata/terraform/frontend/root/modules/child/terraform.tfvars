# A child module's own tfvars are not read when it is called (as in Terraform).
name = "ignored"
