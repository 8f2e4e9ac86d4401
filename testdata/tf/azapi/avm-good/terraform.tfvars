disable_local_accounts     = true
log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs"
disk_encryption_set_id     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des"
sku = {
  name = "Base"
  tier = "Standard"
}
aad_profile = {
  enable_azure_rbac      = true
  admin_group_object_ids = ["11111111-1111-1111-1111-111111111111"]
}
api_server_access_profile = {
  disable_run_command    = true
  enable_private_cluster = true
}
security_profile = {
  workload_identity_enabled = true
  defender_workspace_id     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs"
}
auto_upgrade_channel = "patch"
network_profile = {
  network_plugin = "azure"
  network_policy = "cilium"
  outbound_type  = "userDefinedRouting"
}
