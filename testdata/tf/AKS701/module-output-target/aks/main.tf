output "cluster_id" {
  value = "unknown until apply"
}
