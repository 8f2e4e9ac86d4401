locals {
  is_automatic = var.sku != null && var.sku.name == "Automatic"

  addon_profiles = merge(
    var.addon_profile_azure_policy != null && !local.is_automatic ? {
      azurepolicy = {
        enabled = var.addon_profile_azure_policy.enabled
      }
    } : null,
    !local.is_automatic && var.addon_profile_key_vault_secrets_provider != null ? {
      azureKeyvaultSecretsProvider = {
        enabled = true
        config = var.addon_profile_key_vault_secrets_provider.config != null ? tomap({
          enableSecretRotation = var.addon_profile_key_vault_secrets_provider.config.enable_secret_rotation
          rotationPollInterval = var.addon_profile_key_vault_secrets_provider.config.rotation_poll_interval
        }) : null
      }
    } : null,
  )

  agent_pool_profiles = [{
    name                   = var.default_agent_pool.name
    mode                   = "System"
    enableEncryptionAtHost = var.default_agent_pool.enable_encryption_at_host
    enableNodePublicIP     = var.default_agent_pool.enable_node_public_ip
  }]

  resource_body_full = {
    properties = {
      addonProfiles     = local.addon_profiles
      agentPoolProfiles = local.agent_pool_profiles
      apiServerAccessProfile = var.api_server_access_profile == null ? null : {
        authorizedIPRanges   = var.api_server_access_profile.authorized_ip_ranges == null ? null : [for item in var.api_server_access_profile.authorized_ip_ranges : item]
        disableRunCommand    = var.api_server_access_profile.disable_run_command
        enablePrivateCluster = var.api_server_access_profile.enable_private_cluster
      }
      autoUpgradeProfile = var.auto_upgrade_profile == null ? null : {
        nodeOSUpgradeChannel = var.auto_upgrade_profile.node_os_upgrade_channel
        upgradeChannel       = var.auto_upgrade_profile.upgrade_channel
      }
      disableLocalAccounts = var.disable_local_accounts
      dnsPrefix            = random_string.dns_prefix.result
      kubernetesVersion    = var.kubernetes_version
      networkProfile = var.network_profile == null ? null : {
        networkPlugin = var.network_profile.network_plugin
        networkPolicy = var.network_profile.network_policy
        outboundType  = var.network_profile.outbound_type
      }
    }
    sku = var.sku == null ? null : {
      name = var.sku.name
      tier = var.sku.tier
    }
  }

  # Null properties are dropped; Automatic keeps an allow-list.
  resource_body_properties = {
    for k, v in local.resource_body_full.properties : k => v if can(regex(local.properties_regex, k)) && v != null
  }
  properties_regex = local.is_automatic ? "^(${join("|", ["agentPoolProfiles", "networkProfile"])})$" : "^(.*)$"

  resource_body = merge(local.resource_body_full, { properties = local.resource_body_properties })
}
