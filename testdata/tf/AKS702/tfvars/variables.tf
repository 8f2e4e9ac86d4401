variable "api_category" {
  type    = string
  default = "kube-scheduler"
}
