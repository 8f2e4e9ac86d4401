variable "purge_protection_enabled" {
  type    = bool
  default = true
}
