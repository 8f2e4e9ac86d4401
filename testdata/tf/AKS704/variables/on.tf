variable "policy_on" {
  type    = bool
  default = false
}
