# A child module's own tfvars are ignored, as Terraform does.
kv_csi = false
