variable "name" {}
variable "private" {
  type    = bool
  default = false
}
variable "group_id" {}
variable "unset" {
  default = null
}

resource "example_cluster" "this" {
  name      = var.name
  group_id  = var.group_id
  private   = var.private
  optional  = var.unset

  dynamic "profile" {
    for_each = var.private ? ["on"] : []
    content {
      mode = profile.value
    }
  }
}
