variable "api_server_authorized_ranges" {
  type    = list(string)
  default = ["203.0.113.0/24"]
}
