variable "automatic_channel_upgrade" {
  type    = string
  default = "patch"
}
