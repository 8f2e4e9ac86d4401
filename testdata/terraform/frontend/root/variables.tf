variable "env" {
  type    = string
  default = "DEV"
}

variable "prefix" {
  type = string
}
