auto_upgrade_profile = {
  upgrade_channel         = "node-image" # expect: AKS203
  node_os_upgrade_channel = "Unmanaged" # expect: AKS204
}

addon_profile_key_vault_secrets_provider = {
  config = {
    enable_secret_rotation = false # expect: AKS512
  }
}

default_agent_pool = {
  name                  = "system"
  enable_node_public_ip = true # expect: AKS206
}
