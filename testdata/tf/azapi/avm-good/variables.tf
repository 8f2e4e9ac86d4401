variable "disable_local_accounts" {
  type     = bool
  default  = false
  nullable = false
}

variable "sku" {
  type = object({
    name = string
    tier = string
  })
  default = null
}

variable "aad_profile" {
  type = object({
    enable_azure_rbac      = optional(bool)
    admin_group_object_ids = optional(list(string))
  })
  default = null
}

variable "api_server_access_profile" {
  type = object({
    disable_run_command    = optional(bool)
    enable_private_cluster = optional(bool)
  })
  default = null
}

variable "security_profile" {
  type = object({
    workload_identity_enabled = optional(bool)
    defender_workspace_id     = optional(string)
  })
  default = null
}

variable "auto_upgrade_channel" {
  type    = string
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

variable "disk_encryption_set_id" {
  type    = string
  default = null
}

variable "log_analytics_workspace_id" {
  type = string
}
