locals {
  is_automatic = var.sku != null && var.sku.name == "Automatic"

  addon_profiles = merge(
    {
      azurepolicy = { enabled = true }
      omsagent = {
        enabled = true
        config = tomap({
          logAnalyticsWorkspaceResourceID = var.log_analytics_workspace_id
          useAADAuth                      = true
        })
      }
    },
    local.is_automatic ? null : {
      azureKeyvaultSecretsProvider = {
        enabled = true
        config = tomap({
          enableSecretRotation = true
          rotationPollInterval = "2m"
        })
      }
    },
  )

  body_full = {
    properties = {
      aadProfile = var.aad_profile == null ? null : {
        managed             = true
        enableAzureRBAC     = var.aad_profile.enable_azure_rbac
        adminGroupObjectIDs = var.aad_profile.admin_group_object_ids
      }
      addonProfiles = local.addon_profiles
      agentPoolProfiles = [{
        name                   = "system"
        enableEncryptionAtHost = true
      }]
      apiServerAccessProfile = var.api_server_access_profile == null ? null : {
        disableRunCommand              = var.api_server_access_profile.disable_run_command
        enablePrivateCluster           = var.api_server_access_profile.enable_private_cluster
        enablePrivateClusterPublicFQDN = false
      }
      autoUpgradeProfile   = var.auto_upgrade_channel == null ? null : { upgradeChannel = var.auto_upgrade_channel }
      disableLocalAccounts = var.disable_local_accounts
      diskEncryptionSetID  = var.disk_encryption_set_id
      networkProfile = var.network_profile == null ? null : {
        networkPlugin = var.network_profile.network_plugin
        networkPolicy = var.network_profile.network_policy
        outboundType  = var.network_profile.outbound_type
      }
      securityProfile = var.security_profile == null ? null : {
        workloadIdentity = { enabled = var.security_profile.workload_identity_enabled }
        defender = {
          logAnalyticsWorkspaceResourceId = var.security_profile.defender_workspace_id
          securityMonitoring              = { enabled = true }
        }
      }
      oidcIssuerProfile = { enabled = true }
    }
    sku = var.sku == null ? null : { name = var.sku.name, tier = var.sku.tier }
  }

  body_properties = {
    for k, v in local.body_full.properties : k => v if v != null
  }
  body = merge(local.body_full, { properties = local.body_properties })
}
