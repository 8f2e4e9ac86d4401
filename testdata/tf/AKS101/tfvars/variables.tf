variable "local_account_disabled" {
  type    = bool
  default = true
}

variable "optional_disabled" {
  type    = bool
  default = null
}
