variable "name" {
  type = string
}

variable "parent_id" {
  type = string
}

variable "disable_local_accounts" {
  type     = bool
  default  = false # expect: AKS101
  nullable = false
}

variable "sku" {
  type = object({
    name = string
    tier = string
  })
  default = null
}

variable "api_server_access_profile" {
  type = object({
    authorized_ip_ranges   = optional(list(string))
    disable_run_command    = optional(bool)
    enable_private_cluster = optional(bool)
  })
  default = null
}

variable "auto_upgrade_profile" {
  type = object({
    upgrade_channel         = optional(string, "none")
    node_os_upgrade_channel = optional(string, "NodeImage")
  })
  default = null
}

variable "network_profile" {
  type = object({
    network_plugin = optional(string)
    network_policy = optional(string)
    outbound_type  = optional(string)
  })
  default = null
}

variable "addon_profile_azure_policy" {
  type = object({
    enabled = bool
  })
  default = {
    enabled = false # expect: AKS704
  }
}

variable "addon_profile_key_vault_secrets_provider" {
  type = object({
    config = optional(object({
      enable_secret_rotation = optional(bool, false)
      rotation_poll_interval = optional(string)
    }))
  })
  default = null
}

variable "default_agent_pool" {
  type = object({
    name                      = string
    enable_encryption_at_host = optional(bool) # expect: AKS205
    enable_node_public_ip     = optional(bool)
  })
}

variable "kubernetes_version" {
  type    = string
  default = null
}
