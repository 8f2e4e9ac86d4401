variable "audit_category" {
  type    = string
  default = "kube-apiserver"
}

variable "second_category" {
  type    = string
  default = "kube-audit"
}

variable "enable_third" {
  type    = bool
  default = true
}
