variable "host_encryption" {
  type    = bool
  default = true
}

variable "pool_host_encryption" {
  type    = bool
  default = null
}
