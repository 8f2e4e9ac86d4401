variable "rbac_enabled" {
  type    = bool
  default = true
}
